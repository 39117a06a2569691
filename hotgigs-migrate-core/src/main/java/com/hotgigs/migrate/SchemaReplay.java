package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.ReferenceServer;
import com.hotgigs.migrate.schema.SchemaCatalog;
import com.hotgigs.migrate.schema.SchemaDifference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The schema a database should have, built by replaying its migrations into a throwaway server of
 * the same major version with this engine's own migrate, then compared object by object with the
 * database. Reads the database only. The history's schema itself is not compared (what it holds is): it is
 * created when missing.
 *
 * @param differences every disagreement, extra objects included
 * @param compared    how many objects the reference has
 * @param comparisonMs how long reading both catalogs and comparing them took (the replay itself not included)
 */
record SchemaReplay(List<SchemaDifference> differences, int compared, long comparisonMs) {

    /**
     * @param upTo     the highest version to replay
     * @param excluded {@code schema.table} names left out on both sides (history tables)
     * @param skipHint how to go on without the comparison, for the message when the server cannot start
     */
    static SchemaReplay against(MigratorConfig config, Connection live, String upTo, Set<String> excluded, String skipHint)
            throws SQLException {
        int major = live.getMetaData().getDatabaseMajorVersion();
        List<String> roles = roles(live);
        ReferenceServer.Database reference;
        try {
            reference = config.baseline().reference().start(major);
        } catch (RuntimeException e) {
            throw new MigrationException(ErrorCode.REFERENCE_FAILED, "Could not start the embedded PostgreSQL " + major
                    + " that the migrations are replayed into to compare the schemas: " + e.getMessage() + ". Nothing was written. "
                    + skipHint, e);
        }
        try (reference) {
            try (Connection connection = DriverManager.getConnection(reference.url())) {
                createRoles(connection, roles);
            }
            replay(config, reference.url(), upTo, skipHint);
            long started = System.nanoTime();
            // The two servers are read side by side: the comparison waits for the slower catalog, not for both.
            CompletableFuture<SchemaCatalog> reading = CompletableFuture.supplyAsync(() -> readReference(config, reference.url(), excluded),
                    task -> {
                        Thread thread = new Thread(task, "hotgigs-migrate-catalog");
                        thread.setDaemon(true);
                        thread.start();
                    });
            SchemaCatalog found = Baseline.reader(config, excluded).read(live);
            SchemaCatalog expected = awaitReference(reading);
            // The replay creates the history's schema, as migrate does when it is missing: that is not the migrations' doing.
            String historySchema = "schema " + config.schema();
            List<SchemaDifference> differences = expected.compareWith(found).stream()
                    .filter(difference -> !difference.object().equals(historySchema)).toList();
            return new SchemaReplay(differences, expected.objects().size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static SchemaCatalog readReference(MigratorConfig config, String url, Set<String> excluded) {
        try (Connection connection = DriverManager.getConnection(url)) {
            return Baseline.reader(config, excluded).read(connection);
        } catch (SQLException e) {
            throw new MigrationException(ErrorCode.REFERENCE_FAILED, "Reading the schema the migrations built in the throwaway "
                    + "PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private static SchemaCatalog awaitReference(CompletableFuture<SchemaCatalog> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Migrations may grant to or be owned by the application's roles, which the empty server lacks. */
    private static List<String> roles(Connection live) throws SQLException {
        List<String> roles = new ArrayList<>();
        try (Statement query = live.createStatement();
             ResultSet rows = query.executeQuery("SELECT rolname FROM pg_catalog.pg_roles WHERE rolname !~ '^pg_'")) {
            while (rows.next()) {
                roles.add(rows.getString(1));
            }
        }
        return roles;
    }

    /**
     * Roles belong to the whole server, which a fleet's comparisons share (see SharedReference): the
     * check and the creation are one transaction under an advisory lock, so two targets compared at
     * once do not both create a role.
     */
    private static void createRoles(Connection reference, List<String> roles) throws SQLException {
        try (Statement ddl = reference.createStatement()) {
            for (String role : roles) {
                ddl.execute("DO $$BEGIN PERFORM pg_catalog.pg_advisory_xact_lock(7231); "
                        + "IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = "
                        + quoteLiteral(role) + ") THEN CREATE ROLE " + quoteIdentifier(role) + "; END IF; END$$");
            }
        }
    }

    private static void replay(MigratorConfig config, String url, String upTo, String skipHint) {
        MigratorConfig replay = config.toBuilder().url(url).user(null).password(null).target(upTo).outOfOrder(true)
                .baseline(BaselineSettings.DEFAULTS).build();
        try {
            new Migrator(replay).migrate();
        } catch (MigrationException e) {
            throw new MigrationException(ErrorCode.REFERENCE_FAILED, "Replaying the migrations up to " + upTo
                    + " into a throwaway PostgreSQL, to compare the schemas, failed: " + e.getMessage()
                    + System.lineSeparator() + "Nothing was written to the database. " + skipHint, e);
        }
    }

    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
