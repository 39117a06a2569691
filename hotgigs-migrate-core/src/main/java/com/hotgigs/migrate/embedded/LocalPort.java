package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A port on localhost, where an embedded server listens. PostgreSQL binds each address of
 * localhost; when another program holds the port there, the server cannot listen, yet a client of
 * localhost reaches that other program, which would then be taken for the server just started.
 */
final class LocalPort {

    private static final int PROBE_MILLIS = 1000;
    /** The request a PostgreSQL client opens with to ask for SSL: the server answers S or N, a single byte. */
    private static final int SSL_REQUEST_CODE = 80877103;

    private LocalPort() {
    }

    /** Refuses a port that another program already holds, before anything is started on it. */
    static void requireFree(int port) {
        for (InetAddress address : localhostAddresses()) {
            IOException bindFailure = bindFailure(address, port);
            if (bindFailure != null) {
                throw unusable(port, address, bindFailure);
            }
        }
    }

    private static ConfigurationException unusable(int port, InetAddress address, IOException bindFailure) {
        String where = "Port " + port + " on localhost (" + address.getHostAddress() + ")";
        String fix = "Set hotgigs.postgresPort to a free port, or to 0 to have one picked.";
        return holder(address, port)
                .map(holder -> new ConfigurationException(ErrorCode.PORT_IN_USE, where + " is already in use by " + holder
                        + ": the embedded PostgreSQL was not started, and nothing was created there. " + fix))
                .orElseGet(() -> new ConfigurationException(ErrorCode.PORT_IN_USE, where + " cannot be listened on ("
                        + bindFailure.getMessage() + "): the embedded PostgreSQL was not started. " + fix, bindFailure));
    }

    /**
     * Who answers on a port: another PostgreSQL server, which answers a client's SSL request with a
     * single byte, or a program that does not speak its protocol; empty when nothing accepts.
     */
    private static Optional<String> holder(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), PROBE_MILLIS);
            } catch (IOException nothingAccepts) {
                return Optional.empty();
            }
            return Optional.of(answersAsPostgres(socket) ? "another PostgreSQL server" : "a program that is not PostgreSQL");
        } catch (IOException closing) {
            return Optional.of("a program that is not PostgreSQL");
        }
    }

    /** Only the SSL request is sent, no login: no session starts on the other server. */
    private static boolean answersAsPostgres(Socket socket) {
        try {
            socket.setSoTimeout(PROBE_MILLIS);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            int answer = socket.getInputStream().read();
            return answer == 'S' || answer == 'N';
        } catch (IOException noAnswer) {
            // An HTTP server, say, waits for the end of a line that never comes.
            return false;
        }
    }

    /** The addresses localhost stands for on this machine, as the server and the JDBC driver resolve it. */
    private static List<InetAddress> localhostAddresses() {
        List<InetAddress> addresses = new ArrayList<>();
        try {
            for (InetAddress address : InetAddress.getAllByName("localhost")) {
                // An address no interface has (::1 in a container without IPv6) cannot be bound by anyone.
                if (NetworkInterface.getByInetAddress(address) != null) {
                    addresses.add(address);
                }
            }
        } catch (UnknownHostException | SocketException e) {
            // Without a name for localhost the server cannot listen either; its own start says so.
        }
        if (addresses.isEmpty()) {
            addresses.add(InetAddress.getLoopbackAddress());
        }
        return addresses;
    }

    /** Why the port cannot be bound on the address, or null when it can. */
    private static IOException bindFailure(InetAddress address, int port) {
        // Java sets SO_REUSEADDR, as PostgreSQL does: a port left in TIME_WAIT by a stopped server is free to both.
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
