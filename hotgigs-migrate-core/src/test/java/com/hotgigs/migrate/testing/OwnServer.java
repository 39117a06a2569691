package com.hotgigs.migrate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that one test owns, for faults a shared server must not suffer: an immediate
 * stop (the shared memory and its unwritten WAL are gone, as in a crash), a {@code kill -9} of the
 * postmaster, a restart. It runs the machine's own PostgreSQL binaries as the {@code postgres} user
 * (PostgreSQL refuses to run as root), with durability settings as production has them.
 */
public final class OwnServer implements AutoCloseable {

    private static final Path BINARIES_ROOT = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dataDirectory;
    private final int port;
    private final List<String> settings;

    private OwnServer(Path bin, Path dataDirectory, int port, List<String> settings) {
        this.bin = bin;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.settings = List.copyOf(settings);
    }

    /** Whether this machine has PostgreSQL binaries and the postgres user to run them. */
    public static boolean available() {
        return binaries() != null && userExists();
    }

    /**
     * Creates a cluster in a new temporary directory and starts it on a free port.
     *
     * @param settings server settings as {@code name=value}, on top of durable defaults
     */
    public static OwnServer start(String... settings) {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL binaries under " + BINARIES_ROOT);
        }
        try {
            Path data = Files.createTempDirectory("hotgigs-own-server-");
            run(List.of("chown", OS_USER, data.toString()));
            OwnServer server = new OwnServer(bin, data.resolve("pgdata"), freePort(), List.of(settings));
            server.asPostgres(List.of(bin.resolve("initdb").toString(), "-D", server.dataDirectory.toString(),
                    "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"));
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's log file, where log_statement writes what sessions send. */
    public Path logFile() {
        return dataDirectory.resolveSibling("server.log");
    }

    public int port() {
        return port;
    }

    /** JDBC URL of {@code database} on this server, as the superuser. */
    public String urlOf(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database));
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres"); var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /** Stops the server the way a crash does: no checkpoint, WAL still in shared memory is lost. */
    public void stopImmediately() {
        asPostgres(List.of(pgCtl(), "stop", "-D", dataDirectory.toString(), "-m", "immediate", "-w"));
    }

    /**
     * Sends SIGKILL to the postmaster alone, as the OOM killer would; its backends notice and exit.
     * Returns once they all have, so the server can start again.
     */
    public void killPostmaster() {
        try {
            String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).strip();
            List<ProcessHandle> children = ProcessHandle.of(Long.parseLong(pid)).orElseThrow().children().toList();
            run(List.of("kill", "-9", pid));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * As {@code pg_ctl restart -m immediate} does: every session ends at once, as in a crash, then the
     * server recovers and accepts connections again on the same port.
     */
    public void restartImmediately() {
        stopImmediately();
        startServer();
    }

    /** Starts the server again on the same port, after a crash: it replays its WAL first. */
    public void startServer() {
        StringBuilder options = new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c fsync=on -c synchronous_commit=on -c max_connections=50 -c shared_buffers=16MB");
        settings.forEach(setting -> options.append(" -c ").append(setting));
        asPostgres(List.of(pgCtl(), "start", "-D", dataDirectory.toString(), "-w", "-t", "120", "-l",
                dataDirectory.resolveSibling("server.log").toString(), "-o", options.toString()));
    }

    @Override
    public void close() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            asPostgresQuietly(List.of(pgCtl(), "stop", "-D", dataDirectory.toString(), "-m", "immediate", "-w"));
        }
        try (Stream<Path> files = Files.walk(dataDirectory.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Only a temporary directory is left behind.
        }
    }

    private String pgCtl() {
        return bin.resolve("pg_ctl").toString();
    }

    private void asPostgres(List<String> command) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
        full.addAll(command);
        run(full);
    }

    private void asPostgresQuietly(List<String> command) {
        try {
            asPostgres(command);
        } catch (RuntimeException e) {
            // Already stopped.
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(BINARIES_ROOT)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean userExists() {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(OS_USER + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
