package com.hotgigs.migrate.connection;

import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an engine connection sends before its first query, read off the wire by a relay between it
 * and a real server: the application name travels in the startup message, not in a SET of the
 * driver's own, one round trip more.
 */
class ConnectionStartIT {

    private TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theApplicationNameTravelsInTheStartupMessage() throws Exception {
        try (Relay relay = Relay.inFrontOf(database.url())) {
            String sent;
            try (Connection connection = factory(relay.url()).open(); Statement query = connection.createStatement();
                 ResultSet row = query.executeQuery("SELECT current_setting('application_name')")) {
                row.next();
                assertEquals(ConnectionFactory.APPLICATION_NAME, row.getString(1));
                sent = relay.clientBytes();
            }
            assertTrue(sent.contains("application_name\0" + ConnectionFactory.APPLICATION_NAME + "\0"), sent);
            // The driver's own SET quotes the name; the engine's session settings dollar-quote it.
            assertFalse(sent.contains("SET application_name = '"), sent);
        }
    }

    @Test
    void aUrlThatAssumesAnOlderServerIsHeard() throws Exception {
        try (Relay relay = Relay.inFrontOf(database.url())) {
            try (Connection connection = factory(relay.url() + "?assumeMinServerVersion=8.4").open()) {
                assertTrue(connection.isValid(5));
            }
            assertTrue(relay.clientBytes().contains("SET application_name = '" + ConnectionFactory.APPLICATION_NAME + "'"),
                    relay.clientBytes());
        }
    }

    private ConnectionFactory factory(String url) {
        return new ConnectionFactory(MigratorConfig.builder().url(url).user(database.user()).password(database.password()).build());
    }

    /** Forwards one connection both ways and keeps what the client sent. */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final String tail;
        private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();

        private Relay(ServerSocket listener, String tail) {
            this.listener = listener;
            this.tail = tail;
        }

        static Relay inFrontOf(String jdbcUrl) throws IOException {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath();
            Relay relay = new Relay(new ServerSocket(0, 5, InetAddress.getLoopbackAddress()), path);
            Thread accepting = new Thread(() -> relay.accept(uri.getHost(), uri.getPort()), "relay");
            accepting.setDaemon(true);
            accepting.start();
            return relay;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + tail;
        }

        String clientBytes() {
            synchronized (fromClient) {
                return fromClient.toString(StandardCharsets.ISO_8859_1);
            }
        }

        private void accept(String host, int port) {
            try (Socket client = listener.accept(); Socket server = new Socket(host, port)) {
                Thread back = pump(server.getInputStream(), client.getOutputStream(), null);
                pump(client.getInputStream(), server.getOutputStream(), fromClient).join();
                back.join();
            } catch (IOException | InterruptedException ended) {
                // The test closed the relay, or a side hung up.
            }
        }

        private static Thread pump(InputStream in, OutputStream out, ByteArrayOutputStream copy) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (in; out) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        if (copy != null) {
                            synchronized (copy) {
                                copy.write(buffer, 0, read);
                            }
                        }
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException ended) {
                    // One side closed.
                }
            }, "relay-pump");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
