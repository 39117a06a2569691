package com.hotgigs.benchmark.comparison;

import java.util.ArrayList;
import java.util.List;

/**
 * Proves a tool built what psql built from the same files: pg_dump of schema and data, less the
 * tools' own history tables, must be identical. A fast tool that skipped or mangled a statement
 * fails here.
 */
final class SchemaCheck {

    private final Server server;
    private final TimedProcess processes;

    SchemaCheck(Server server, TimedProcess processes) {
        this.server = server;
        this.processes = processes;
    }

    /** Empty when identical, else where the dumps first part. */
    List<String> differences(String expectedDatabase, String actualDatabase, String actualLabel) {
        List<String> expected = dump(expectedDatabase);
        List<String> actual = dump(actualDatabase);
        List<String> problems = new ArrayList<>();
        if (expected.equals(actual)) {
            return problems;
        }
        int line = 0;
        while (line < expected.size() && line < actual.size() && expected.get(line).equals(actual.get(line))) {
            line++;
        }
        problems.add(actualLabel + " left a database that differs from psql's (" + actual.size() + " dump lines against "
                + expected.size() + "); first difference at line " + (line + 1) + ": psql has '"
                + (line < expected.size() ? expected.get(line) : "<end>") + "', " + actualLabel + " has '"
                + (line < actual.size() ? actual.get(line) : "<end>") + "'");
        return problems;
    }

    private List<String> dump(String database) {
        List<String> command = new ArrayList<>(List.of("pg_dump", "--no-owner", "--no-privileges",
                "--exclude-table=public.schema_migrations", "--exclude-table=public.flyway_schema_history"));
        List<String> connection = new ArrayList<>(server.clientArguments(database));
        connection.remove("-q");
        connection.remove("-X");
        command.addAll(connection);
        String output = processes.run(command, server.clientEnvironment()).output();
        // Comments carry dump times and \restrict lines a random key: neither is the schema.
        return output.lines()
                .filter(line -> !line.startsWith("--") && !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .filter(line -> !line.isBlank())
                .toList();
    }
}
