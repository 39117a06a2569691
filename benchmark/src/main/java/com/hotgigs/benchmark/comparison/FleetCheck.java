package com.hotgigs.benchmark.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves a fleet run built what psql builds, in every tenant: one tenant's schema-only pg_dump (less
 * the tool's history table) equals that of a schema psql built from the same files, every tenant has
 * the same catalog counts as that reference (tables, indexes, views, sequences, functions, triggers,
 * types) and as many rows (the schema's reference data and the audit rows its inserts write; their
 * timestamps, application names and process ids differ from run to run, so the rows are counted),
 * there are exactly the tenants asked for, and each tool's history holds one successful row per
 * migration in every tenant. A fast tool that skipped a tenant or a statement fails here.
 */
final class FleetCheck {

    /** Relations of the tools' own, left out of every comparison. */
    private static final String HISTORY_TABLES = "('schema_migrations', 'flyway_schema_history')";

    private static final String CATALOG_COUNTS = """
            WITH rel AS (
              SELECT c.relnamespace, c.relkind, coalesce(t.relname, c.relname) IN %1$s AS history
              FROM pg_catalog.pg_class c
              LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
              LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid)
            SELECT n.nspname,
                   count(*) FILTER (WHERE rel.relkind IN ('r', 'p') AND NOT rel.history) AS tables,
                   count(*) FILTER (WHERE rel.relkind = 'i' AND NOT rel.history) AS indexes,
                   count(*) FILTER (WHERE rel.relkind IN ('v', 'm')) AS views,
                   count(*) FILTER (WHERE rel.relkind = 'S') AS sequences,
                   (SELECT count(*) FROM pg_catalog.pg_proc p WHERE p.pronamespace = n.oid) AS functions,
                   (SELECT count(*) FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_class gc ON gc.oid = g.tgrelid
                     WHERE gc.relnamespace = n.oid AND NOT g.tgisinternal) AS triggers,
                   (SELECT count(*) FROM pg_catalog.pg_type y WHERE y.typnamespace = n.oid AND y.typtype IN ('e', 'd')) AS types
            FROM pg_catalog.pg_namespace n LEFT JOIN rel ON rel.relnamespace = n.oid
            WHERE n.nspname LIKE 'tenant\\_%%'
            GROUP BY n.oid, n.nspname
            ORDER BY n.nspname""".formatted(HISTORY_TABLES);

    /**
     * The rows of one tenant's tables, counted exactly: the data differs in timestamps and session
     * details, not in rows. One tenant per statement, as a statement keeps a lock on every table it
     * counts until it ends, and a thousand tenants' tables would exhaust the server's lock table.
     */
    private static final String ROW_COUNT = """
            SELECT coalesce(sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %%I.%%I', table_schema,
                       table_name), false, true, '')))[1]::text::bigint), 0)
            FROM information_schema.tables
            WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name NOT IN %1$s""".formatted(HISTORY_TABLES);

    private final Server server;
    private final TimedProcess processes;

    FleetCheck(Server server, TimedProcess processes) {
        this.server = server;
        this.processes = processes;
    }

    /** Builds the reference: the tenant's schema, then each file in a transaction of its own, as psql runs them. */
    void buildReference(String database, String tenant, List<Path> scripts, Path scriptFile) {
        StringBuilder script = new StringBuilder("CREATE SCHEMA " + tenant + ";\nSET search_path TO " + tenant + ";\n");
        for (Path file : scripts) {
            script.append("BEGIN;\n\\i '").append(file.toAbsolutePath()).append("'\nCOMMIT;\n");
        }
        try {
            Files.writeString(scriptFile, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1"));
        command.addAll(server.clientArguments(database));
        command.addAll(List.of("-f", scriptFile.toString()));
        processes.run(command, server.clientEnvironment());
    }

    /** Empty when the fleet is what it should be, else each problem found. */
    List<String> problems(Tool tool, String database, List<String> tenants, int migrations, String referenceDatabase, String dumped) {
        List<String> problems = new ArrayList<>();
        dumpDifference(tool, database, referenceDatabase, dumped).ifPresent(problems::add);
        Map<String, List<Long>> reference = catalogCounts(referenceDatabase);
        Map<String, List<Long>> fleet = catalogCounts(database);
        List<Long> expected = reference.get(dumped);
        if (!fleet.keySet().equals(new LinkedHashSet<>(tenants))) {
            problems.add(tool.label() + "'s database has " + fleet.size() + " tenant schemas, expected " + tenants.size()
                    + " (" + tenants.get(0) + " to " + tenants.get(tenants.size() - 1) + ")");
        }
        fleet.forEach((tenant, counts) -> {
            if (!counts.equals(expected)) {
                problems.add(tool.label() + "'s " + tenant + " has catalog counts " + counts + " (tables, indexes, views, sequences, "
                        + "functions, triggers, types, rows), psql's reference " + expected);
            }
        });
        problems.addAll(historyProblems(tool, database, tenants, migrations));
        return problems;
    }

    /** The tables, indexes... per tenant schema, for the report: the reference's, one tenant's worth. */
    List<Long> referenceCounts(String referenceDatabase, String tenant) {
        return catalogCounts(referenceDatabase).get(tenant);
    }

    private Optional<String> dumpDifference(Tool tool, String database, String referenceDatabase, String tenant) {
        List<String> expected = dump(referenceDatabase, tenant);
        List<String> actual = dump(database, tenant);
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        int line = 0;
        while (line < expected.size() && line < actual.size() && expected.get(line).equals(actual.get(line))) {
            line++;
        }
        return Optional.of(tool.label() + "'s " + tenant + " differs from psql's (" + actual.size() + " dump lines against "
                + expected.size() + "); first difference at line " + (line + 1) + ": psql has '"
                + (line < expected.size() ? expected.get(line) : "<end>") + "', " + tool.label() + " has '"
                + (line < actual.size() ? actual.get(line) : "<end>") + "'");
    }

    private List<String> dump(String database, String tenant) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--schema=" + tenant,
                "--exclude-table=" + tenant + ".schema_migrations", "--exclude-table=" + tenant + ".flyway_schema_history",
                "-h", server.host(), "-p", String.valueOf(server.port()), "-U", server.user(), "-d", database));
        String output = processes.run(command, server.clientEnvironment()).output();
        // Comments carry dump times and \restrict lines a random key: neither is the schema.
        return output.lines()
                .filter(line -> !line.startsWith("--") && !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .filter(line -> !line.isBlank())
                .toList();
    }

    private Map<String, List<Long>> catalogCounts(String database) {
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        try (Connection connection = connect(database); Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(CATALOG_COUNTS)) {
            while (rows.next()) {
                List<Long> row = new ArrayList<>();
                for (int column = 2; column <= 8; column++) {
                    row.add(rows.getLong(column));
                }
                counts.put(rows.getString(1), row);
            }
            try (PreparedStatement rowCount = connection.prepareStatement(ROW_COUNT)) {
                for (Map.Entry<String, List<Long>> tenant : counts.entrySet()) {
                    rowCount.setString(1, tenant.getKey());
                    try (ResultSet total = rowCount.executeQuery()) {
                        total.next();
                        tenant.getValue().add(total.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the catalog of " + database + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /**
     * hotgigs: every row of the tenant's schema_migrations a successful migration. Flyway: as many
     * successful SQL rows, beside the row it writes when it creates the schema (type SCHEMA).
     */
    private List<String> historyProblems(Tool tool, String database, List<String> tenants, int migrations) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = connect(database); Statement query = connection.createStatement()) {
            for (String tenant : tenants) {
                String sql = tool == Tool.HOTGIGS
                        ? "SELECT count(*) FILTER (WHERE success AND kind = 'MIGRATION'), count(*) FROM " + tenant + ".schema_migrations"
                        : "SELECT count(*) FILTER (WHERE success AND type = 'SQL'), count(*) FILTER (WHERE type <> 'SCHEMA') FROM "
                                + tenant + ".flyway_schema_history";
                try (ResultSet row = query.executeQuery(sql)) {
                    row.next();
                    if (row.getLong(1) != migrations || row.getLong(2) != migrations) {
                        problems.add(tool.label() + "'s history in " + tenant + " has " + row.getLong(2) + " rows, " + row.getLong(1)
                                + " of them successful migrations; expected " + migrations);
                    }
                }
            }
        } catch (SQLException e) {
            problems.add(tool.label() + "'s history could not be read in " + database + ": " + e.getMessage());
        }
        return problems;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }
}
