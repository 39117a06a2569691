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
 * One run at a time per history table: a session-level advisory lock held on a connection of its
 * own that never has a transaction open. A lock taken inside a transaction would make
 * {@code CREATE INDEX CONCURRENTLY} in a migration wait for that transaction forever, and a waiting
 * run that polled inside a transaction would do the same. The lock vanishes with its connection, so
 * a killed build leaves nothing to clean up.
 */
public final class MigrationLock implements AutoCloseable {

    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final Connection connection;
    private final long key;

    private MigrationLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Takes the lock for {@code historyTable}, waiting at most {@code maxWait}.
     *
     * @param connection an autocommit connection used for nothing else while the lock is held; it is
     *                   closed when the lock is released
     */
    public static MigrationLock acquire(Connection connection, String historyTable, Duration maxWait,
                                        MigrationListener listener) throws SQLException {
        long key = keyOf(historyTable);
        long started = System.nanoTime();
        long deadline = started + maxWait.toNanos();
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
        return new MigrationLock(connection, key);
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
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_catalog.pg_try_advisory_lock(?)")) {
            query.setLong(1, key);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * Who holds the lock. The holder's lock connection runs nothing after taking the lock, so its
     * last query's start is when it took it.
     */
    private static Optional<LockHolder> holderOf(Connection connection, long key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT a.pid, a.application_name, a.usename, pg_catalog.host(a.client_addr), a.query_start "
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

    /** Releases the lock by closing its connection, which also releases it when the unlock call fails. */
    @Override
    public void close() throws SQLException {
        try (Connection closing = connection;
             PreparedStatement unlock = closing.prepareStatement("SELECT pg_catalog.pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }
}
