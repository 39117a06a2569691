package com.hotgigs.benchmark.comparison;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of the comparison, with defaults that reproduce the published figures:
 * {@code --sizes 100,1000,10000 --runs 5 --large-runs 2 --host 127.0.0.1 --port 5432 --user postgres}.
 * Passwords come from {@code ~/.pgpass}, which psql, pg_dump and the JDBC driver of both tools read.
 * {@code --repo DIR} is the local Maven repository every measured {@code mvn} uses (the launch script
 * installs the plugin there), so a run does not overwrite the SNAPSHOT in {@code ~/.m2} others build with.
 */
record Options(List<Integer> sizes, int runs, int largeRuns, String host, int port, String user, Path workDirectory,
               Path repository) {

    static Options parse(String[] args) {
        List<Integer> sizes = List.of(100, 1000, 10000);
        int runs = 5;
        int largeRuns = 2;
        String host = "127.0.0.1";
        int port = 5432;
        String user = "postgres";
        Path work = Path.of("benchmark", "work");
        Path repository = null;
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
                case "--repo" -> repository = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; known: --sizes --runs --large-runs --host --port --user --work --repo");
            }
        }
        return new Options(sizes, runs, largeRuns, host, port, user, work.toAbsolutePath(), repository);
    }

    /** What every mvn command adds to use the chosen local repository; nothing for the user's own. */
    List<String> mavenRepositoryArguments() {
        return repository == null ? List.of() : List.of("-Dmaven.repo.local=" + repository);
    }
}
