package com.hotgigs.migrate.connection;

import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;

/**
 * What a fleet worker carries from one target to its next: the session its last target finished
 * with, the monitor connection that watched it, and the endpoints found to give each connection a
 * server session of its own. A thousand tenant schemas in one database then cost a thousand resets
 * of one session rather than three thousand new server processes (a session, the transaction-pooler
 * probe's second connection and the monitor per tenant), which at that size took half the server's
 * time of a run with nothing to do. The taker of a session resets it to what a new one would be
 * ({@link ConnectionFactory#openSession()}); one that cannot be reset is closed. One worker's, so
 * never used by two threads at once.
 */
public final class WorkerConnections implements AutoCloseable {

    /** For a run of one target: nothing is kept. */
    public static final WorkerConnections NONE = new WorkerConnections(false);

    private final boolean keeping;
    private final Kept session = new Kept();
    private final Kept monitor = new Kept();
    private final Set<String> unpooled = new HashSet<>();

    private WorkerConnections(boolean keeping) {
        this.keeping = keeping;
    }

    /** For one worker of a fleet; closed when the worker is done. */
    public static WorkerConnections forWorker() {
        return new WorkerConnections(true);
    }

    /** @return false when nothing is kept here, and the caller closes the connection */
    synchronized boolean offerSession(String url, Connection connection) {
        return keeping && session.offer(url, connection);
    }

    /**
     * The idle session if it was opened with this URL, else null. What was kept for another URL is
     * closed, the monitor too: a run on a new URL opens its own, and a worker never holds more than
     * two connections.
     */
    synchronized Connection takeSession(String url) {
        monitor.dropUnless(url);
        return session.take(url);
    }

    /** @return false when nothing is kept here, and the caller closes the connection */
    synchronized boolean offerMonitor(String url, Connection connection) {
        return keeping && monitor.offer(url, connection);
    }

    /** The idle monitor connection if it was opened with this URL, else null; one of another URL is closed. */
    synchronized Connection takeMonitor(String url) {
        return monitor.take(url);
    }

    /**
     * Whether this worker already found that connections to this URL as this user each get a server
     * session of their own: the answer comes from where the URL leads (the server, or a pooler and its
     * mode), which one build does not change.
     */
    synchronized boolean provenUnpooled(String endpoint) {
        return unpooled.contains(endpoint);
    }

    synchronized void rememberUnpooled(String endpoint) {
        if (keeping) {
            unpooled.add(endpoint);
        }
    }

    @Override
    public synchronized void close() {
        session.close();
        monitor.close();
    }

    /** One idle connection and the URL it was opened with. */
    private static final class Kept {
        private String url;
        private Connection connection;

        boolean offer(String url, Connection connection) {
            ConnectionFactory.closeQuietly(this.connection);
            this.url = url;
            this.connection = connection;
            return true;
        }

        Connection take(String url) {
            Connection idle = connection;
            connection = null;
            if (idle != null && !url.equals(this.url)) {
                ConnectionFactory.closeQuietly(idle);
                return null;
            }
            return idle;
        }

        void dropUnless(String url) {
            if (connection != null && !url.equals(this.url)) {
                close();
            }
        }

        void close() {
            ConnectionFactory.closeQuietly(connection);
            connection = null;
        }
    }
}
