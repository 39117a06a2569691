package com.hotgigs.migrate.lock;

import com.hotgigs.migrate.LockHolder;
import com.hotgigs.migrate.LockTimeoutException;
import com.hotgigs.migrate.MigrationListener;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One run at a time per history table: a session-level advisory lock, held on the very connection
 * that applies and records the migrations, taken and held with no transaction open. Losing the lock
 * then means losing the connection the next commit needs; and each commit also checks, in its own
 * round trip, that this backend still holds it ({@link #heldCondition()}), so a script's
 * {@code pg_advisory_unlock_all()} or a pooler that moved the session cannot commit without it.
 * A lock taken inside a transaction would make {@code CREATE INDEX CONCURRENTLY} in a migration
 * wait for that transaction forever, and a waiting run that polled inside a transaction would do
 * the same. The lock vanishes with its connection, so a killed build leaves nothing to clean up.
 */
public final class MigrationLock implements AutoCloseable {

    /** What a run sends to take the lock, its key the parameter; the plan prints it. */
    public static final String TRY_LOCK_SQL = "SELECT pg_catalog.pg_try_advisory_lock(?)";
    /** What a run sends to release it. */
    public static final String UNLOCK_SQL = "SELECT pg_catalog.pg_advisory_unlock(?)";
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    private static final Duration UNLOCK_WAIT = Duration.ofSeconds(30);

    private final Connection connection;
    private final long key;
    private final String historyTable;
    private final MigrationListener listener;

    private MigrationLock(Connection connection, long key, String historyTable, MigrationListener listener) {
        this.connection = connection;
        this.key = key;
        this.historyTable = historyTable;
        this.listener = listener;
    }

    /**
     * Takes the lock for {@code historyTable}, waiting at most {@code maxWait}, polling outside any
     * transaction.
     *
     * @param connection an autocommit connection; the lock is held by its session until {@link #close()}
     *                   or until the connection ends, whichever comes first. Closing the lock leaves the
     *                   connection open.
     */
    public static MigrationLock acquire(Connection connection, String historyTable, Duration maxWait,
                                        MigrationListener listener) throws SQLException {
        return acquire(connection, historyTable, maxWait, System.nanoTime() + maxWait.toNanos(), listener);
    }

    /**
     * Takes the lock, waiting until {@code deadlineNanos} ({@link System#nanoTime()}): for a run that
     * waits again on a new connection for what is left of {@code maxWait}, which its message names.
     */
    public static MigrationLock acquire(Connection connection, String historyTable, Duration maxWait, long deadlineNanos,
                                        MigrationListener listener) throws SQLException {
        long key = keyOf(historyTable);
        long started = System.nanoTime();
        long deadline = deadlineNanos;
        Duration pause = FIRST_POLL;
        LockHolder lastHolder = null;
        while (!tryLock(connection, key)) {
            Optional<LockHolder> holder = holderOf(connection, key);
            if (holder.isPresent() && !Objects.equals(holder.get().pid(), lastHolder == null ? null : lastHolder.pid())) {
                lastHolder = holder.get();
                listener.waitingForLock(lastHolder);
            }
            if (System.nanoTime() >= deadline) {
                throw new LockTimeoutException(timeoutMessage(historyTable, maxWait, lastHolder));
            }
            sleep(pause, deadline);
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
        }
        listener.lockAcquired(Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new MigrationLock(connection, key, historyTable, listener);
    }

    /**
     * Takes the lock only if it is free at once, on a connection of the caller's (a run that lost its
     * own connection and reconnected to record what happened).
     */
    public static Optional<MigrationLock> tryAcquire(Connection connection, String historyTable, MigrationListener listener)
            throws SQLException {
        long key = keyOf(historyTable);
        return tryLock(connection, key) ? Optional.of(new MigrationLock(connection, key, historyTable, listener)) : Optional.empty();
    }

    /**
     * An SQL boolean expression, true only on the backend that holds this lock. It carries no
     * parameters, so it can join the statements of one round trip.
     */
    public String heldCondition() {
        return heldCondition(key);
    }

    static String heldCondition(long key) {
        // A bigint advisory key is stored as its high and low 32 bits in classid and objid.
        return "EXISTS (SELECT 1 FROM pg_catalog.pg_locks l WHERE l.locktype = 'advisory' AND l.granted "
                + "AND l.pid = pg_catalog.pg_backend_pid() AND l.objsubid = 1 "
                + "AND l.classid::pg_catalog.int8 = " + (key >>> 32) + " AND l.objid::pg_catalog.int8 = " + (key & 0xffffffffL)
                + " AND l.database = (SELECT d.oid FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()))";
    }

    /** The key of the lock that serializes the runs on a history table (schema.table), for the plan. */
    public static long keyFor(String historyTable) {
        return keyOf(historyTable);
    }

    /** The condition {@link #heldCondition()} gives for a history table, for the plan. */
    public static String heldConditionFor(String historyTable) {
        return heldCondition(keyOf(historyTable));
    }

    /** Whether this connection's backend still holds the lock. */
    public boolean isHeld() throws SQLException {
        try (java.sql.Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT " + heldCondition())) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** schema.table whose runs this lock serializes. */
    public String historyTable() {
        return historyTable;
    }

    /** A stable 64-bit key from the table's qualified name, so every tool version agrees on it. */
    static long keyOf(String historyTable) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("hotgigs-migrate:" + historyTable).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = (key << 8) | (hash[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(TRY_LOCK_SQL)) {
            query.setLong(1, key);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * Who holds the lock. The holder takes it on the connection it opened at its start and runs its
     * migrations on it, so that connection's start is when the holding run began.
     */
    private static Optional<LockHolder> holderOf(Connection connection, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT a.pid, a.application_name, a.usename, pg_catalog.host(a.client_addr), a.backend_start "
                        + "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
                        + "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
                        + "(SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()) "
                        + "AND l.classid = ? AND l.objid = ? AND l.objsubid = 1")) {
            // A bigint advisory key is stored as its high and low 32 bits in classid and objid.
            query.setLong(1, key >>> 32);
            query.setLong(2, key & 0xffffffffL);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockHolder(row.getInt(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getObject(5, OffsetDateTime.class)));
            }
        }
    }

    private static String timeoutMessage(String historyTable, Duration maxWait, LockHolder holder) {
        String who = holder == null ? "another run" : "another run (" + holder.describe() + ")";
        return "Gave up waiting for the migration lock on " + historyTable + " after " + maxWait.toSeconds()
                + " s: " + who + " is still migrating this database. Let it finish and run again, or raise "
                + "hotgigs.lockWaitSeconds. If that process is gone but its session is not, end it with "
                + (holder == null ? "pg_terminate_backend(<pid>)" : "SELECT pg_terminate_backend(" + holder.pid() + ")") + ".";
    }

    private static void sleep(Duration pause, long deadline) {
        long nanos = Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime()));
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException("Interrupted while waiting for the migration lock on the history table.");
        }
    }

    /**
     * Releases the lock. A release that fails does not fail the run (its migrations are committed
     * whatever happens to the lock now); it is told as a warning that names the cause, never ignored.
     * The connection's network timeout is as before afterwards: a fleet worker's next target runs on it.
     */
    @Override
    public void close() {
        int networkTimeout = -1;
        try {
            networkTimeout = connection.getNetworkTimeout();
            // A network path that died during the run must not hang the unlock at its end.
            connection.setNetworkTimeout(Runnable::run, (int) UNLOCK_WAIT.toMillis());
        } catch (SQLException e) {
            // A connection that is already gone: the unlock below says so.
        }
        try {
            unlock();
        } finally {
            restore(networkTimeout);
        }
    }

    private void unlock() {
        try (PreparedStatement unlock = connection.prepareStatement(UNLOCK_SQL)) {
            unlock.setLong(1, key);
            try (ResultSet row = unlock.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    listener.warning("Releasing the migration lock on " + historyTable + " found it no longer held by this "
                            + "session: something in the session released it (pg_advisory_unlock_all(), DISCARD ALL), or a "
                            + "connection pooler ran the unlock on another server connection. Check pg_locks for an advisory "
                            + "lock left on another session (SELECT pid FROM pg_locks WHERE locktype = 'advisory') and end it.");
                }
            }
        } catch (SQLException e) {
            listener.warning("Releasing the migration lock on " + historyTable + " failed (" + e.getMessage()
                    + "); the server releases it when this session ends or is reset (DISCARD ALL), one of which happens"
                    + " as this run ends.");
        }
    }

    private void restore(int networkTimeout) {
        if (networkTimeout < 0) {
            return;
        }
        try {
            connection.setNetworkTimeout(Runnable::run, networkTimeout);
        } catch (SQLException e) {
            // Gone since: no later statement will run on it.
        }
    }
}
