package com.hotgigs.migrate.connection;

import java.sql.Connection;

/**
 * The connection a fleet worker's last target finished with, offered to the worker's next target on
 * the same URL: a thousand tenant schemas in one database then cost a thousand resets of one session
 * each rather than a thousand new server processes, which at that size took half the server's time
 * of a run with nothing to do. The taker resets the session to what a new one would be
 * ({@link ConnectionFactory#openSession()}); one that cannot be reset is closed. One worker's, so
 * never used by two threads at once.
 */
public final class IdleSession implements AutoCloseable {

    /** For a run of one target: nothing is kept. */
    public static final IdleSession NONE = new IdleSession(false);

    private final boolean keeping;
    private String url;
    private Connection connection;

    private IdleSession(boolean keeping) {
        this.keeping = keeping;
    }

    /** For one worker of a fleet; closed when the worker is done. */
    public static IdleSession forWorker() {
        return new IdleSession(true);
    }

    /** @return false when nothing is kept here, and the caller closes the connection */
    synchronized boolean offer(String url, Connection connection) {
        if (!keeping) {
            return false;
        }
        ConnectionFactory.closeQuietly(this.connection);
        this.url = url;
        this.connection = connection;
        return true;
    }

    /** The idle connection if it was opened with this URL, else null; one of another URL is closed. */
    synchronized Connection take(String url) {
        Connection idle = connection;
        connection = null;
        if (idle != null && !url.equals(this.url)) {
            ConnectionFactory.closeQuietly(idle);
            return null;
        }
        return idle;
    }

    @Override
    public synchronized void close() {
        ConnectionFactory.closeQuietly(connection);
        connection = null;
    }
}
