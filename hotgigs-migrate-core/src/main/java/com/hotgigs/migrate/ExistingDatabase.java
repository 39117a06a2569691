package com.hotgigs.migrate;

import com.hotgigs.migrate.flyway.FlywayHistory;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.schema.SchemaObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A database without a history table of ours that was built some other way (psql, another tool, Flyway):
 * running every migration on top of it would fail half-way or, worse, succeed. Found by migrate, which
 * refuses it or adopts it first, and by status, plan and validate, which say ahead that migrate refuses it.
 *
 * @param flyway    whether what was found is Flyway's history (otherwise objects)
 * @param situation what was found and what migrating would do, a sentence
 * @param fix       how to go on, sentences
 */
record ExistingDatabase(boolean flyway, String situation, String fix) {

    /** Whether migrate, as configured, adopts it first (a baseline, or Flyway's history imported) instead of refusing it. */
    boolean adoptedBy(BaselineSettings settings) {
        return settings.baselineOnMigrate() || (flyway && settings.importFlywayHistory());
    }

    /** What migrate throws when it is not to adopt the database. */
    ConfigurationException refusal() {
        return new ConfigurationException(ErrorCode.SCHEMA_NOT_EMPTY, situation + " Nothing was written. " + fix);
    }

    /** For the goals that only read: what the next migrate does with this database. */
    String refusalAhead() {
        return "hotgigs:migrate refuses this database (" + ErrorCode.SCHEMA_NOT_EMPTY + "): " + situation + " " + fix;
    }

    /**
     * Flyway's history in the history's schema, or objects where the migrations create theirs (see
     * {@link #schemasWithObjects}); empty for a database the migrations can be run on as they are.
     * Asked only when there is no history table.
     */
    static Optional<ExistingDatabase> find(MigratorConfig config, HistoryTable history, Connection connection) throws SQLException {
        FlywayHistory flyway = new FlywayHistory(config.schema());
        if (flyway.exists(connection)) {
            return Optional.of(new ExistingDatabase(true, "Database " + connection.getCatalog() + " has Flyway's history ("
                    + flyway.displayName() + ") but no history table " + history.displayName() + ": migrating would run every "
                    + "migration again.", "Take over Flyway's history with mvn hotgigs:baseline, or let migrate do it first with "
                    + "-Dhotgigs.importFlywayHistory=true: each file is checked against the checksum Flyway recorded, and "
                    + "Flyway's table is left as it is."));
        }
        List<String> schemas = schemasWithObjects(config, connection);
        if (schemas.isEmpty()) {
            return Optional.empty();
        }
        List<String> prefixes = schemas.stream().map(schema -> schema + ".").toList();
        List<SchemaObject> found = new Baseline(config, history, MigrationListener.NONE).catalog(connection).builtObjects().stream()
                .filter(object -> prefixes.stream().anyMatch(object.identity()::startsWith)).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // An extension alone does not count: an empty database may have one from its template or its provider.
        List<String> holding = schemas.stream().filter(schema -> found.stream()
                .anyMatch(object -> object.identity().startsWith(schema + "."))).toList();
        return Optional.of(objectsFound(config, history, connection, holding, found));
    }

    private static ExistingDatabase objectsFound(MigratorConfig config, HistoryTable history, Connection connection,
                                                 List<String> schemas, List<SchemaObject> found) throws SQLException {
        boolean elsewhere = !schemas.equals(List.of(config.schema()));
        String situation = (schemas.size() == 1 ? "Schema " + schemas.get(0) + " of database " + connection.getCatalog() + " has"
                : "Schemas " + String.join(", ", schemas) + " of database " + connection.getCatalog() + " have")
                + " objects (" + Baseline.sample(found) + ") but no history table " + history.displayName()
                + (elsewhere ? ", and schema " + config.schema() + " does not exist yet: the migrations' unqualified names land in "
                        + "the connection's search_path (" + String.join(", ", schemas) + "), so migrating" : ": migrating")
                + " would run every migration again on top of it.";
        String fix = "If the migrations built it (psql -f, another tool), record them as applied with mvn hotgigs:baseline "
                + "(verified against the migrations replayed; -Dhotgigs.baselineVersion=<the last version it has>), or let "
                + "migrate do that first with -Dhotgigs.baselineOnMigrate=true. " + (config.searchPath() != null
                        // A schema target's history is in the tenant's schema whatever hotgigs.schema says.
                        ? "If the tenant's history is kept in another table of its schema, set hotgigs.table."
                        : "If the history is kept elsewhere, set hotgigs.schema or hotgigs.table.")
                + (elsewhere ? " If those objects are another application's and the migrations create theirs in schema "
                        + config.schema() + " alone, create it first (CREATE SCHEMA " + config.schema() + ";): an existing "
                        + "history schema is taken as the project's own, and only its objects count." : "");
        return new ExistingDatabase(false, situation, fix);
    }

    /**
     * The schemas that hold an object of their own, among those where the migrations create theirs: the
     * history's and, while that one does not exist yet, the schemas of the connection's search_path, where
     * unqualified names land (the history's schema is created before the first migration runs, so the
     * migrations cannot have built anything in it). A history schema that exists is taken as the project's
     * own: objects elsewhere may be another application's, in a database they share, as with Flyway.
     *
     * <p>Every object a schema holds (relation, function, type, operator...) records a dependency on it,
     * and pg_depend is indexed by what is depended on, while pg_class, pg_proc and pg_type have no index
     * that leads with the schema: scanning them for each new tenant of a fleet cost 24 ms with 270 tenants
     * in the database, and grew with every tenant. The whole catalog is read only when a schema holds something.
     */
    private static List<String> schemasWithObjects(MigratorConfig config, Connection connection) throws SQLException {
        String sql = "SELECT n.nspname FROM pg_catalog.pg_namespace n "
                + "WHERE (n.nspname = ? OR (n.nspname = ANY (pg_catalog.current_schemas(false)) "
                + "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace h WHERE h.nspname = ?))) "
                + "AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend d "
                + "WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.refobjid = n.oid) "
                + "ORDER BY n.nspname";
        List<String> schemas = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, config.schema());
            query.setString(2, config.schema());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    schemas.add(rows.getString(1));
                }
            }
        }
        return schemas;
    }
}
