package com.hotgigs.migrate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs scripts with the machine's psql, as the database guide's manual path does. */
final class Psql {

    private Psql() {
    }

    /** {@code psql -v ON_ERROR_STOP=1 -f script}, as the superuser of the test server; fails the test when psql fails. */
    static void runFile(String jdbcUrl, Path script) {
        ServerAddress address = ServerAddress.of(jdbcUrl);
        List<String> command = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", address.host(),
                "-p", String.valueOf(address.port()), "-U", "postgres", "-d", address.database(), "-f", script.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("psql -f " + script + " failed: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run psql: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while psql ran", e);
        }
    }
}
