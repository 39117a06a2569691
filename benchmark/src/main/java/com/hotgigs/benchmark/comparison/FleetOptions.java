package com.hotgigs.benchmark.comparison;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of the fleet comparison, with defaults that reproduce the published figures:
 * {@code --tenants 100,1000 --runs 2 --parallelism 1,2,4,8}. Two runs alternate which tool goes first
 * (hotgigs, Flyway, then Flyway, hotgigs), so a machine that slows down or speeds up during the run
 * weighs on both. {@code --large-runs} sets the runs of fleets of 1,000 and more alone;
 * {@code --parallelism none} leaves out the parallelism measurement, which runs on the first fleet size.
 * Server, user, work directory and {@code --repo} as in {@link Options}.
 */
record FleetOptions(List<Integer> tenants, int runs, int largeRuns, List<Integer> parallelisms, String host, int port, String user,
                    Path workDirectory, Path repository) {

    static FleetOptions parse(String[] args) {
        List<Integer> tenants = List.of(100, 1000);
        int runs = 2;
        Integer largeRuns = null;
        List<Integer> parallelisms = List.of(1, 2, 4, 8);
        String host = "127.0.0.1";
        int port = 5432;
        String user = "postgres";
        Path work = Path.of("benchmark", "work", "fleet");
        Path repository = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--tenants" -> tenants = numbers(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--large-runs" -> largeRuns = Integer.parseInt(value);
                case "--parallelism" -> parallelisms = value.equals("none") ? List.of() : numbers(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--user" -> user = value;
                case "--work" -> work = Path.of(value);
                case "--repo" -> repository = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; known: --tenants --runs --large-runs --parallelism --host --port --user --work --repo");
            }
        }
        if (tenants.isEmpty() || tenants.stream().anyMatch(n -> n < 1 || n > 9999)) {
            throw new IllegalArgumentException("--tenants takes fleet sizes from 1 to 9999, e.g. 100,1000");
        }
        return new FleetOptions(tenants, runs, largeRuns == null ? runs : largeRuns, parallelisms, host, port, user,
                work.toAbsolutePath(), repository);
    }

    int runsOf(int size) {
        return size >= 1000 ? largeRuns : runs;
    }

    /** What every mvn command adds to use the chosen local repository; nothing for the user's own. */
    List<String> mavenRepositoryArguments() {
        return repository == null ? List.of() : List.of("-Dmaven.repo.local=" + repository);
    }

    private static List<Integer> numbers(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
