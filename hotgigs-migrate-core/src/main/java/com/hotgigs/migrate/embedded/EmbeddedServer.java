package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A throwaway PostgreSQL server: its own data directory in the temporary directory, a free port,
 * the superuser {@value #USER} trusted on it. Closing it stops the server and deletes the data;
 * a JVM that exits first (a failed build, a test run) stops it too.
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String ADMIN_DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String version;
    private final String database;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String database,
                           Consumer<EmbeddedServer> stoppedAtExit) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.shutdownHook = new Thread(() -> {
            if (stop()) {
                stoppedAtExit.accept(this);
            }
        }, "hotgigs-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.version = versionOfOwnServer();
    }

    /** A server that will run from the PostgreSQL archive inside {@code binariesJar}. */
    public static Builder builder(Path binariesJar) {
        return new Builder(binariesJar);
    }

    /** JDBC URL of the database this server was started for (the admin database when none was asked). */
    public String url() {
        return urlOf(database);
    }

    /** JDBC URL of another database on this server, without credentials. */
    public String urlOf(String name) {
        return "jdbc:postgresql://localhost:" + port() + "/" + name;
    }

    /** JDBC URL of the maintenance database, with the superuser as a URL parameter. */
    public String adminUrl() {
        return urlOf(ADMIN_DATABASE) + "?user=" + USER;
    }

    public String user() {
        return USER;
    }

    public String database() {
        return database;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The server's own version, e.g. 15.19. */
    public String version() {
        return version;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server and deletes its data directory; does nothing the second time. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // The JVM is already shutting down and runs the hook, which finds the server stopped.
        }
    }

    /** True when this call stopped the server, false when it was already stopped. */
    private synchronized boolean stop() {
        if (closed) {
            return false;
        }
        closed = true;
        try {
            // A server that never listened (another program took its port) has no postmaster to stop, and
            // the library would log pg_ctl's failure with a stack trace. Its lock file goes with the directory.
            if (new File(dataDirectory.toFile(), "postmaster.pid").exists()) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL with data in " + dataDirectory, e);
        }
        deleteTree(dataDirectory.toFile());
        return true;
    }

    /**
     * Plain java.io on purpose: at JVM exit Maven has already closed the plugin's class realm, so
     * nothing that is not loaded yet (a library's file utilities, a visitor class) can be loaded.
     */
    private static void deleteTree(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteTree(child);
            }
        }
        file.delete();
    }

    /**
     * The version of the server answering on the port, once it is known to be this one: when another
     * program took the port first, this server could not listen, and the one answering is that other.
     */
    private String versionOfOwnServer() {
        try (Connection connection = DriverManager.getConnection(adminUrl());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT current_setting('data_directory'), current_setting('server_version')")) {
            result.next();
            String servedDirectory = result.getString(1);
            if (!isDataDirectory(servedDirectory)) {
                close();
                throw new ConfigurationException(ErrorCode.PORT_IN_USE, "The PostgreSQL answering on localhost:" + port()
                        + " is not the one just started: it serves the data directory " + servedDirectory + ", not "
                        + dataDirectory + ". Another program took port " + port() + " while the server started, so it "
                        + "could not listen. It was stopped and its data deleted; nothing was created on the other server. "
                        + "Build again; if a port of your choosing is taken, set hotgigs.postgresPort to a free one, "
                        + "or to 0 to have one picked.");
            }
            // Builds from distributions append their name: "15.19 (Debian 15.19-1)".
            return result.getString(2).split(" ")[0];
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("the embedded PostgreSQL started but does not answer: " + e.getMessage(), e);
        }
    }

    private boolean isDataDirectory(String served) {
        try {
            return Files.isSameFile(Path.of(served), dataDirectory);
        } catch (IOException | InvalidPathException notHere) {
            // A directory that is not on this machine, or not readable here, is another server's.
            return false;
        }
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(adminUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("could not create database " + database + " on the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /** Options of a server to start; only the binaries are required. */
    public static final class Builder {
        private final Path binariesJar;
        private final Map<String, String> serverConfig = new LinkedHashMap<>();
        private String database;
        private int port;
        private Consumer<Path> dataDirectoryCustomizer = directory -> { };
        private Consumer<EmbeddedServer> stoppedAtExit = server -> { };
        private ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.DISCARD;

        private Builder(Path binariesJar) {
            this.binariesJar = Objects.requireNonNull(binariesJar, "binariesJar");
        }

        /** A database to create once the server runs; {@link #url()} names it. */
        public Builder database(String name) {
            this.database = EmbeddedSettings.database(name);
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = EmbeddedSettings.port(port);
            return this;
        }

        /** A postgresql.conf setting passed on the server's command line. */
        public Builder serverConfig(String name, String value) {
            serverConfig.put(name, value);
            return this;
        }

        /** Runs after initdb and before the server starts, e.g. to write pg_hba.conf. */
        public Builder dataDirectoryCustomizer(Consumer<Path> customizer) {
            this.dataDirectoryCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /** Appends the output of initdb, pg_ctl and the server to this file; by default it is discarded. */
        public Builder serverLog(Path file) {
            this.serverLog = ProcessBuilder.Redirect.appendTo(file.toFile());
            return this;
        }

        /** Told when the JVM exits with the server still running, after it has been stopped. */
        public Builder whenStoppedAtExit(Consumer<EmbeddedServer> listener) {
            this.stoppedAtExit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public EmbeddedServer start() {
            if (!Files.isRegularFile(binariesJar)) {
                throw new IllegalArgumentException("PostgreSQL binaries jar " + binariesJar + " does not exist");
            }
            if (port != 0) {
                LocalPort.requireFree(port);
            }
            JarBinaryResolver binaries = new JarBinaryResolver(binariesJar);
            Path dataDirectory = null;
            try {
                dataDirectory = Files.createTempDirectory("hotgigs-postgres-");
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(binaries)
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        // Builds share busy CI machines; the library's 10 s is too tight there.
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setOutputRedirector(serverLog)
                        .setErrorRedirector(serverLog)
                        .setRegisterShutdownHook(false)
                        .setDataDirectoryCustomizer(directory -> dataDirectoryCustomizer.accept(directory.toPath()));
                serverConfig.forEach(builder::setServerConfig);
                if (port != 0) {
                    builder.setPort(port);
                }
                EmbeddedServer server = new EmbeddedServer(builder.start(), dataDirectory,
                        database == null ? ADMIN_DATABASE : database, stoppedAtExit);
                if (database != null) {
                    server.createDatabase();
                }
                return server;
            } catch (IOException e) {
                deleteIfCreated(dataDirectory);
                throw new UncheckedIOException("could not start PostgreSQL from " + binariesJar
                        + (dataDirectory == null ? "" : " with data in " + dataDirectory) + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // initdb, the customizer or the library failing: nothing of the attempt is kept.
                deleteIfCreated(dataDirectory);
                throw e;
            }
        }

        private static void deleteIfCreated(Path dataDirectory) {
            if (dataDirectory != null) {
                deleteTree(dataDirectory.toFile());
            }
        }
    }
}
