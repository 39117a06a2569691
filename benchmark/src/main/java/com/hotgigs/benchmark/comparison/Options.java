package com.hotgigs.benchmark.comparison;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of the comparison, with defaults that reproduce the published figures:
 * {@code --sizes 100,1000,10000 --runs 5 --large-runs 2 --host 127.0.0.1 --port 5432 --user postgres}.
 * Passwords come from {@code ~/.pgpass}, which psql, pg_dump and the JDBC driver of both tools read.
 *
 * @param databasePrefix the start of every database's name ({@code --db-prefix}, default {@code bench}), so two runs
 *                    against one server keep apart
 * @param repository  the local repository every mvn is run with ({@code --repo}), or null for Maven's own
 * @param repeatables the section of 1,000 versioned migrations with 100 repeatables beside them ({@code --repeatables})
 * @param lint        lint, check and a no-op migrate with lint failing the build, at each size ({@code --lint})
 * @param adopt       verified baseline and drift of 1,000 migrations and of the HotGigs schema ({@code --adopt})
 */
record Options(List<Integer> sizes, int runs, int largeRuns, String host, int port, String user, Path workDirectory,
               String databasePrefix, Path repository, boolean repeatables, boolean lint, boolean adopt) {

    private static final Set<String> VALUED = Set.of("--sizes", "--runs", "--large-runs", "--host", "--port", "--user", "--work", "--db-prefix",
            "--repo");
    private static final String KNOWN = "--sizes --runs --large-runs --host --port --user --work --db-prefix --repo --repeatables --lint --adopt";

    static Options parse(String[] args) {
        List<Integer> sizes = List.of(100, 1000, 10000);
        int runs = 5;
        int largeRuns = 2;
        String host = "127.0.0.1";
        int port = 5432;
        String user = "postgres";
        Path work = Path.of("benchmark", "work");
        String databasePrefix = "bench";
        Path repository = null;
        boolean repeatables = false;
        boolean lint = false;
        boolean adopt = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repeatables" -> repeatables = true;
                case "--lint" -> lint = true;
                case "--adopt" -> adopt = true;
                default -> {
                    String option = args[i];
                    if (!VALUED.contains(option)) {
                        throw new IllegalArgumentException("Unknown option " + option + "; known: " + KNOWN);
                    }
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("Option " + option + " needs a value");
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
                        case "--runs" -> runs = Integer.parseInt(value);
                        case "--large-runs" -> largeRuns = Integer.parseInt(value);
                        case "--host" -> host = value;
                        case "--port" -> port = Integer.parseInt(value);
                        case "--user" -> user = value;
                        case "--work" -> work = Path.of(value);
                        case "--db-prefix" -> databasePrefix = databasePrefix(value);
                        default -> repository = Path.of(value).toAbsolutePath();
                    }
                }
            }
        }
        return new Options(sizes, runs, largeRuns, host, port, user, work.toAbsolutePath(), databasePrefix, repository, repeatables, lint, adopt);
    }

    /** Lower case, a letter first: unquoted in SQL and on psql's command line. */
    private static String databasePrefix(String value) {
        if (!value.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("--db-prefix " + value + ": use lower-case letters, digits and _, a letter first");
        }
        return value;
    }

    /** What every mvn command line gets for the local repository: nothing, or {@code -Dmaven.repo.local=...}. */
    List<String> mavenRepositoryArguments() {
        return repository == null ? List.of() : List.of("-Dmaven.repo.local=" + repository);
    }
}
