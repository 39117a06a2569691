package com.hotgigs.migrate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on a free loopback port in front of a server, for fault tests: {@link #cut()}
 * resets every connection as a failing network or a restarted firewall does, {@link #freeze()}
 * stops forwarding without closing anything, as a path that silently drops packets does, and
 * {@link #cutWhenClientSends} cuts at one exact moment of the conversation.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Pattern HOST_AND_PORT = Pattern.compile("^(jdbc:postgresql://)([^/:?]+)(?::(\\d+))?(/.*)$");

    /** When a cut triggered by the client's bytes happens. */
    public enum CutPoint {
        /** The matching bytes never reach the server. */
        BEFORE_FORWARDING,
        /** The server gets them and answers; the answer never reaches the client. */
        AFTER_SERVER_REPLIED
    }

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean frozen;
    private volatile boolean closed;
    private volatile Trigger trigger;

    private TcpProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    /** A proxy in front of {@code host:port}, accepting on 127.0.0.1 and a free port. */
    public static TcpProxy start(String host, int port) {
        try {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(listener, new InetSocketAddress(host, port));
            daemon("tcp-proxy-accept-" + listener.getLocalPort(), proxy::acceptLoop).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A proxy in front of the server a PostgreSQL JDBC URL names. */
    public static TcpProxy inFrontOf(String jdbcUrl) {
        Matcher url = matchUrl(jdbcUrl);
        return start(url.group(2), url.group(3) == null ? 5432 : Integer.parseInt(url.group(3)));
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String url(String jdbcUrl) {
        Matcher url = matchUrl(jdbcUrl);
        return url.group(1) + "127.0.0.1:" + port() + url.group(4);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many client connections were accepted so far. */
    public int connectionsAccepted() {
        return links.size();
    }

    /** Resets every open connection on both sides; later connections are forwarded again. */
    public void cut() {
        for (Link link : links) {
            link.reset();
        }
    }

    /** Stops forwarding in both directions, holding what arrives; nothing is closed. */
    public void freeze() {
        frozen = true;
    }

    /**
     * Stops forwarding on the connections open now, holding what arrives; new connections are
     * forwarded: a path that died for established sessions only, as a NAT that lost its table does.
     */
    public void freezeOpenConnections() {
        for (Link link : links) {
            link.frozen = true;
        }
    }

    /** Forwards again, delivering what was held. */
    public void thaw() {
        synchronized (gate) {
            frozen = false;
            for (Link link : links) {
                link.frozen = false;
            }
            gate.notifyAll();
        }
    }

    /**
     * Cuts every connection the first time a client sends bytes containing {@code text} (the
     * statements of PostgreSQL's simple query protocol travel as plain text). Counts down the
     * returned latch once the cut happened.
     */
    public CountDownLatch cutWhenClientSends(String text, CutPoint point) {
        Trigger armed = new Trigger(text.getBytes(StandardCharsets.UTF_8), point);
        trigger = armed;
        return armed.done;
    }

    @Override
    public void close() {
        closed = true;
        thaw();
        try {
            listener.close();
        } catch (IOException e) {
            // Closing at the end of a test: nothing left to forward.
        }
        for (Link link : links) {
            link.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 10_000);
                Link link = new Link(client, server);
                links.add(link);
                daemon("tcp-proxy-up-" + client.getPort(), () -> link.pump(client, server, true)).start();
                daemon("tcp-proxy-down-" + client.getPort(), () -> link.pump(server, client, false)).start();
            } catch (IOException e) {
                if (!closed) {
                    // One failed accept or upstream connect: the client sees its connection fail, others go on.
                    continue;
                }
            }
        }
    }

    private void waitWhileFrozen(Link link) throws InterruptedException {
        synchronized (gate) {
            while ((frozen || link.frozen) && !closed) {
                gate.wait(100);
            }
        }
    }

    private static Matcher matchUrl(String jdbcUrl) {
        Matcher url = HOST_AND_PORT.matcher(jdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host[:port]/... URL: " + jdbcUrl);
        }
        return url;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static final class Trigger {
        final byte[] text;
        final CutPoint point;
        final CountDownLatch done = new CountDownLatch(1);
        volatile Link awaitingReply;

        Trigger(byte[] text, CutPoint point) {
            this.text = text;
            this.point = point;
        }

        boolean matches(byte[] buffer, int length) {
            outer:
            for (int start = 0; start + text.length <= length; start++) {
                for (int i = 0; i < text.length; i++) {
                    if (buffer[start + i] != text[i]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    /** One client connection and its connection to the server. */
    private final class Link {
        private final Socket client;
        private final Socket server;
        private volatile boolean frozen;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean fromClient) {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    waitWhileFrozen(this);
                    Trigger armed = trigger;
                    if (armed != null && fromClient && armed.matches(buffer, read)) {
                        if (armed.point == CutPoint.BEFORE_FORWARDING) {
                            fire(armed);
                            return;
                        }
                        armed.awaitingReply = this;
                    } else if (armed != null && !fromClient && armed.awaitingReply == this) {
                        fire(armed);
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reset();
            }
        }

        private void fire(Trigger armed) {
            trigger = null;
            cut();
            armed.done.countDown();
        }

        /** An RST rather than a FIN on both sides: linger 0, then close. */
        void reset() {
            resetQuietly(client);
            resetQuietly(server);
        }

        void close() {
            closeQuietly(client);
            closeQuietly(server);
        }

        private void resetQuietly(Socket socket) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // Already closed: nothing to reset.
            }
            closeQuietly(socket);
        }

        private void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    /** Waits for a latch from {@link #cutWhenClientSends}, failing the test when the cut never came. */
    public static void await(CountDownLatch cut, long seconds) throws InterruptedException {
        if (!cut.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the proxy never saw the bytes it was told to cut at");
        }
    }
}
