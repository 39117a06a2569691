package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.hotgigs.migrate.Queries.history;
import static com.hotgigs.migrate.Queries.tableExists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A commit in doubt: the connection is cut after the round trip that commits a migration reached
 * the server, before its answer reached the engine. The server commits; the engine must find that
 * out from the history rather than report a failure.
 */
class InDoubtCommitIT {

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private CommitCutter cutter;

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        database = TestDatabase.create();
        cutter = CommitCutter.inFrontOf(database.url());
    }

    @AfterEach
    void dropDatabase() {
        cutter.close();
        database.close();
    }

    @Test
    void aCommitWhoseAnswerIsLostIsFoundCommittedAndTheRunStopsBeforeTheNext() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n")
                .write("002_b.sql", "CREATE TABLE b (id int);\n");

        ConnectionLostException e = assertThrows(ConnectionLostException.class,
                () -> new Migrator(migrations.configFor(database).url(cutter.url()).build()).migrate());

        assertTrue(e.getMessage().startsWith("The connection to the server was lost while migration 001_a was being committed "
                + "with its history row"), e.getMessage());
        assertTrue(e.getMessage().contains("On reconnecting, public.schema_migrations shows 001_a applied (rank 1, "), e.getMessage());
        assertTrue(e.getMessage().contains("its commit went through. The run stopped there: 1 migration (002_b) still to apply; "
                + "run migrate again to apply it."), e.getMessage());
        assertEquals(List.of("001|a|t"), history(database));
        assertTrue(tableExists(database, "a") && !tableExists(database, "b"));
        assertEquals(1, cutter.cuts());
    }

    @Test
    void aLastMigrationWhoseCommitAnswerIsLostIsReportedAppliedWithNothingLeftToDo() throws SQLException {
        migrations.write("001_a.sql", "CREATE TABLE a (id int);\n");

        ConnectionLostException e = assertThrows(ConnectionLostException.class,
                () -> new Migrator(migrations.configFor(database).url(cutter.url()).build()).migrate());

        assertTrue(e.getMessage().contains("its commit went through. It was the last migration to apply: the database is "
                + "migrated, and migrate run again has nothing to do."), e.getMessage());
        assertEquals(List.of("001|a|t"), history(database));
        assertEquals(1, cutter.cuts());
        assertTrue(migrations.migratorFor(database).migrate().applied().isEmpty());
    }

    /**
     * A TCP relay that, once, forwards the client's message carrying the engine's COMMIT (the driver
     * sends each statement of the round trip in a message of its own, without its semicolon) to the
     * server, then swallows the server's answer and closes the client's side: the commit happens,
     * the client never hears of it.
     */
    private static final class CommitCutter implements AutoCloseable {
        private final ServerSocket listener;
        private final String host;
        private final int port;
        private final String urlTail;
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile int cuts;

        private CommitCutter(ServerSocket listener, String host, int port, String urlTail) {
            this.listener = listener;
            this.host = host;
            this.port = port;
            this.urlTail = urlTail;
        }

        static CommitCutter inFrontOf(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String tail = jdbcUrl.substring(jdbcUrl.indexOf('/', "jdbc:postgresql://".length()));
            try {
                ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                CommitCutter cutter = new CommitCutter(listener, uri.getHost(), uri.getPort(), tail);
                Thread accepting = new Thread(cutter::accept, "commit-cutter");
                accepting.setDaemon(true);
                accepting.start();
                return cutter;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + urlTail;
        }

        int cuts() {
            return cuts;
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(host, port);
                    sockets.add(client);
                    sockets.add(server);
                    AtomicBoolean swallow = new AtomicBoolean(false);
                    pump(client, server, swallow, true);
                    pump(server, client, swallow, false);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, AtomicBoolean swallow, boolean fromClient) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[65536];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        if (!fromClient && swallow.get()) {
                            continue;
                        }
                        boolean commit = fromClient && carriesMigrationCommit(new String(buffer, 0, read, StandardCharsets.ISO_8859_1))
                                && armed.compareAndSet(true, false);
                        // Swallowing starts before the commit is forwarded: the server's answer can come back at once.
                        if (commit) {
                            swallow.set(true);
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                        if (commit) {
                            cuts++;
                            // The rest of the message (its Sync) may follow in the next read: forward it, then cut.
                            Thread cut = new Thread(() -> {
                                sleepQuietly(1000);
                                closeQuietly(from);
                            }, "commit-cutter-cut");
                            cut.setDaemon(true);
                            cut.start();
                        }
                    }
                } catch (IOException ended) {
                    // One side closed: close the other.
                } finally {
                    closeQuietly(to);
                    closeQuietly(from);
                }
            }, "commit-cutter-pump");
            thread.setDaemon(true);
            thread.start();
        }

        /** The history insert and the COMMIT that travel together; not the commit that creates the table. */
        private static boolean carriesMigrationCommit(String bytes) {
            return bytes.contains("INSERT INTO \"public\".\"schema_migrations\"") && bytes.contains("COMMIT");
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }

        @Override
        public void close() {
            closeQuietly(listener);
            sockets.forEach(CommitCutter::closeQuietly);
        }

        private static void closeQuietly(ServerSocket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
    }
}
