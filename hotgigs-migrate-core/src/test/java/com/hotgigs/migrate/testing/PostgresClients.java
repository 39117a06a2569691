package com.hotgigs.migrate.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * psql and pg_dump of the machine, run against a test database: the reference a test compares the
 * engine with ({@code psql -f} applying the same file, {@code pg_dump --schema-only} of both databases).
 */
public final class PostgresClients {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private PostgresClients() {
    }

    /** Whether psql and pg_dump are there to compare with. */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("psql")) && Files.isExecutable(BIN.resolve("pg_dump"));
    }

    /** The outcome of one psql run: its exit code and what it wrote to standard error. */
    public record PsqlRun(int exitCode, String errors) {
    }

    /** Runs {@code psql -X -q -v ON_ERROR_STOP=1 -f file}, in autocommit as psql does. */
    public static PsqlRun psql(TestDatabase database, Path file) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        command.addAll(connection(database));
        command.addAll(List.of("-f", file.toString()));
        Outcome outcome = run(database, command);
        return new PsqlRun(outcome.exitCode(), outcome.errors());
    }

    /**
     * {@code pg_dump --schema-only} of the database without the given tables, and without the random
     * {@code \restrict} key lines recent pg_dump writes, so two databases built alike dump alike.
     */
    public static String schemaDump(TestDatabase database, String... excludedTables) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_dump").toString(), "--schema-only", "--no-owner"));
        for (String table : excludedTables) {
            command.add("--exclude-table=" + table);
        }
        command.addAll(connection(database));
        Outcome run = run(database, command);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("pg_dump failed: " + run.errors());
        }
        return run.output().lines().filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict"))
                .collect(Collectors.joining("\n"));
    }

    private record Outcome(int exitCode, String output, String errors) {
    }

    private static List<String> connection(TestDatabase database) {
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        return List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U", database.user() == null ? "postgres" : database.user(), "-d", database.name());
    }

    private static Outcome run(TestDatabase database, List<String> command) {
        try {
            Path out = Files.createTempFile("hotgigs-client-", ".out");
            Path err = Files.createTempFile("hotgigs-client-", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                Map<String, String> environment = builder.environment();
                environment.put("PGCONNECT_TIMEOUT", "10");
                if (database.password() != null) {
                    environment.put("PGPASSWORD", database.password());
                }
                Process process = builder.start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command.get(0) + " did not finish within 120 s");
                }
                return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }
}
