package com.hotgigs.benchmark.comparison;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of the comparison, with defaults that reproduce the published figures:
 * {@code --sizes 100,1000,10000 --runs 5 --large-runs 2 --host 127.0.0.1 --port 5432 --user postgres}.
 * Passwords come from {@code ~/.pgpass}, which psql, pg_dump and the JDBC driver of both tools read.
 */
record Options(List<Integer> sizes, int runs, int largeRuns, String host, int port, String user, Path workDirectory) {

    static Options parse(String[] args) {
        List<Integer> sizes = List.of(100, 1000, 10000);
        int runs = 5;
        int largeRuns = 2;
        String host = "127.0.0.1";
        int port = 5432;
        String user = "postgres";
        Path work = Path.of("benchmark", "work");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
                case "--runs" -> runs = Integer.parseInt(value);
                case "--large-runs" -> largeRuns = Integer.parseInt(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--user" -> user = value;
                case "--work" -> work = Path.of(value);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; known: --sizes --runs --large-runs --host --port --user --work");
            }
        }
        return new Options(sizes, runs, largeRuns, host, port, user, work.toAbsolutePath());
    }
}
