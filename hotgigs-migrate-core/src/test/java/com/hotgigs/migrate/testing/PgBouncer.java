package com.hotgigs.migrate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's real PgBouncer in front of a test's own server, with a configuration the test writes:
 * one pool mode, trust authentication, a free loopback port. Closing it stops the pooler by its
 * process id and deletes its directory.
 */
public final class PgBouncer implements AutoCloseable {

    private final Path directory;
    private final int port;

    private PgBouncer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** @param poolMode {@code session}, {@code transaction} or {@code statement} */
    public static PgBouncer start(OwnServer server, String poolMode) {
        try {
            Path directory = Files.createTempDirectory("hotgigs-pgbouncer-");
            int port = freePort();
            Files.writeString(directory.resolve("users.txt"), "\"postgres\" \"\"\n", StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("pgbouncer.ini"), String.join("\n",
                    "[databases]",
                    "* = host=127.0.0.1 port=" + server.port(),
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + directory.resolve("users.txt"),
                    "pool_mode = " + poolMode,
                    "default_pool_size = 5",
                    "logfile = " + directory.resolve("pgbouncer.log"),
                    "pidfile = " + directory.resolve("pgbouncer.pid"),
                    ""), StandardCharsets.UTF_8);
            OsProcess.handOver(directory);
            OsProcess.run(OsProcess.asServerUser(List.of(executable(), "-d", directory.resolve("pgbouncer.ini").toString())), 60);
            PgBouncer bouncer = new PgBouncer(directory, port);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run does)");
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pgbouncer did not listen on port " + port + " within 60 s; its log is in "
                            + directory.resolve("pgbouncer.log"));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public String urlOf(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    @Override
    public void close() {
        try {
            Path pidFile = directory.resolve("pgbouncer.pid");
            if (Files.exists(pidFile)) {
                String pid = Files.readString(pidFile, StandardCharsets.UTF_8).strip();
                OsProcess.run(List.of("kill", "-TERM", pid), 30);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (Files.exists(Path.of("/proc", pid)) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            OsProcess.deleteTree(directory);
        }
    }
}
