package com.hotgigs.migrate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the machine's PostgreSQL and PgBouncer programs for tests. Both refuse to run as root, so
 * as root they run as the {@code postgres} user, which owns the directories they use.
 */
final class OsProcess {

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private OsProcess() {
    }

    /** The command as it must be started: through runuser when this JVM runs as root. */
    static List<String> asServerUser(List<String> command) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return full;
    }

    /** Runs a command to its end, failing with its output when it fails. */
    static String run(List<String> command, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }

    /** Gives a directory this JVM created to the user the servers run as. */
    static void handOver(Path directory) {
        if (ROOT) {
            run(List.of("chown", "-R", "postgres:postgres", directory.toString()), 60);
        }
    }

    static void deleteTree(Path directory) {
        run(List.of("rm", "-rf", directory.toString()), 60);
    }
}
