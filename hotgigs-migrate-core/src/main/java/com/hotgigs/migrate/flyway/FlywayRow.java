package com.hotgigs.migrate.flyway;

/**
 * One row of Flyway's {@code flyway_schema_history}.
 *
 * @param version  null for a repeatable migration's run
 * @param type     Flyway's kind of row: SQL, JDBC, BASELINE, SQL_BASELINE, SCHEMA, DELETE, ...
 * @param checksum Flyway's CRC-32; null for a baseline marker
 */
public record FlywayRow(int rank, String version, String description, String type, String script, Integer checksum,
                        String installedBy, boolean success) {

    /** Flyway's {@code << Flyway Baseline >>} marker: everything up to its version counts as applied without having run. */
    public boolean baselineMarker() {
        return type.equals("BASELINE");
    }

    /**
     * Flyway's {@code << Flyway Schema Creation >>} row: Flyway created the schemas its script names
     * ({@code "public"}). It has no version, as a repeatable's run has none, but it is no migration.
     */
    public boolean schemaCreation() {
        return type.equals("SCHEMA");
    }

    /**
     * What {@code flyway repair} writes for an applied migration whose file was removed: the successful
     * row before it of the same version (or, for a repeatable, script) is marked deleted. Its own success is true.
     */
    public boolean deletion() {
        return type.equals("DELETE");
    }

    /**
     * A versioned migration's name as ours are named, for a row whose file is gone: the script's file
     * name without its directory, its {@code V<version>__} and {@code .sql} ({@code V1_5__gone.sql}: {@code gone}).
     */
    public String migrationName() {
        String file = script.substring(script.lastIndexOf('/') + 1);
        int separator = file.indexOf("__");
        String name = separator < 0 ? file : file.substring(separator + 2);
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }

    public boolean repeatable() {
        return version == null;
    }

    /**
     * A repeatable's name as ours are named: the script's file name without its directory, Flyway's
     * {@code R__} prefix and {@code .sql}, so a run matches a local file wherever the location puts it.
     */
    public String repeatableName() {
        String file = script.substring(script.lastIndexOf('/') + 1);
        String name = file.startsWith("R__") ? file.substring(3) : file;
        return name.endsWith(".sql") ? name.substring(0, name.length() - 4) : name;
    }

    /** How messages name it: the script Flyway ran, with its version. */
    public String describe() {
        return (version == null ? "" : "version " + version + " ") + "(" + script + ")";
    }
}
