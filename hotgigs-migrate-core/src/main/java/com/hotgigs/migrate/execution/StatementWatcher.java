package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.Blocker;
import com.hotgigs.migrate.DurationSetting;
import com.hotgigs.migrate.LockWait;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.MigrationProgress;
import com.hotgigs.migrate.connection.ConnectionFactory;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the connection that applies the migrations from a second one, so that nothing waits in
 * silence: a statement that waits for another session's lock is reported with who holds it, a long
 * script reports its progress, and a statement whose answer cannot arrive (a network path that
 * holds packets without a reset, which no socket error ever reports) is ended, instead of the run
 * hanging for good.
 *
 * <p>The runner tells the watcher what it runs ({@link #watch}); the watcher's own daemon thread
 * does the checking. The monitor connection has a bounded wait for every answer, so the watcher
 * itself cannot hang on the same dead path.
 */
public final class StatementWatcher implements AutoCloseable {

    private static final String CHECK = "SELECT a.pid, a.state, a.wait_event_type, a.wait_event, "
            + "b.pid, b.usename, b.application_name, b.state, b.state_change, b.xact_start, b.query "
            + "FROM (SELECT 1) AS one "
            + "LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = ? "
            + "LEFT JOIN LATERAL pg_catalog.unnest(CASE WHEN a.wait_event_type = 'Lock' "
            + "THEN pg_catalog.pg_blocking_pids(a.pid) END) AS blocking(pid) ON true "
            + "LEFT JOIN pg_catalog.pg_stat_activity b ON b.pid = blocking.pid "
            + "ORDER BY b.pid";
    private static final int QUERY_SHOWN = 120;

    /** What a watched call is: a statement of the script, or the commit that goes with the history row. */
    public enum Call { STATEMENT, COMMIT }

    /**
     * Why the watcher ended the applying connection.
     *
     * @param sessionEnded true when the watcher ended the server's session too, so an open transaction was rolled back
     * @param serverState  the applying session's state as last seen (e.g. {@code idle in transaction}), or null when
     *                     the server could not be asked
     */
    public record DeadPath(String reason, boolean sessionEnded, String serverState) {
    }

    /** A handle on one watched call; closing it says the call returned. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** What the applying thread is doing, as the watcher's thread reads it. */
    private record Running(long seq, long migrationSeq, String migration, int done, int total, int line, Call call,
                           String historyTable, long migrationStarted, long callStarted, boolean inCall) {

        Running returned() {
            return new Running(seq, migrationSeq, migration, done, total, line, call, historyTable, migrationStarted,
                    callStarted, false);
        }
    }

    private record Seen(long seq, List<Blocker> blockers) {
    }

    private final ConnectionFactory connections;
    private final Connection applying;
    private final int applyingPid;
    private final Duration watchInterval;
    private final Duration progressInterval;
    private final Duration networkTimeout;
    private final Duration firstCheck;
    private final MigrationListener listener;
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private volatile Running running;
    private volatile Seen seen = new Seen(-1, List.of());
    private volatile DeadPath deadPath;
    private volatile boolean closed;
    private volatile Connection monitor;
    private long migrationSeq;

    private StatementWatcher(ConnectionFactory connections, Connection applying, int applyingPid, Duration watchInterval,
                             Duration progressInterval, Duration networkTimeout, Duration firstCheck, MigrationListener listener) {
        this.connections = connections;
        this.applying = applying;
        this.applyingPid = applyingPid;
        this.watchInterval = watchInterval;
        this.progressInterval = progressInterval;
        this.networkTimeout = networkTimeout;
        this.firstCheck = firstCheck;
        this.listener = listener;
        this.thread = new Thread(this::loop, "hotgigs-migrate-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the monitor connection and starts watching {@code applying}.
     *
     * @param connections opens the monitor connection ({@link ConnectionFactory#openMonitor}, every answer awaited at
     *                    most {@code networkTimeout}) and takes it back when the watcher closes
     * @param lockTimeout the lock timeout the statements run under, or zero: the first check of a statement comes
     *                    before it, so a lock wait that ends in the timeout has been seen, with its blocker
     */
    public static StatementWatcher start(ConnectionFactory connections, Connection applying, Duration watchInterval,
                                         Duration progressInterval, Duration networkTimeout, Duration lockTimeout,
                                         MigrationListener listener) throws SQLException {
        Duration firstCheck = watchInterval;
        if (!lockTimeout.isZero() && lockTimeout.dividedBy(2).compareTo(firstCheck) < 0) {
            firstCheck = lockTimeout.dividedBy(2);
        }
        if (firstCheck.toMillis() < 10) {
            firstCheck = Duration.ofMillis(10);
        }
        int pid = applying.unwrap(PGConnection.class).getBackendPID();
        StatementWatcher watcher = new StatementWatcher(connections, applying, pid, watchInterval, progressInterval,
                networkTimeout, firstCheck, listener);
        try {
            watcher.monitor = connections.openMonitor(networkTimeout);
        } catch (RuntimeException e) {
            listener.warning("Could not open a second connection to watch the migrations' statements (" + e.getMessage()
                    + "): lock waits will not be reported while they happen, and a broken network path will not be "
                    + "detected. The migrations run anyway.");
        }
        watcher.thread.start();
        return watcher;
    }

    /** The next migration begins; its progress is counted from now. */
    public void migrationStarting() {
        migrationSeq = sequence.incrementAndGet();
    }

    /**
     * The applying thread is about to run a statement ({@code done} of {@code total} completed before it), or the
     * commit; close the handle when the call returns, however it ends.
     */
    public Watch watch(String migration, int done, int total, int line, Call call) {
        return watch(migration, done, total, line, call, null);
    }

    /**
     * The applying thread is about to insert the migration's history row into {@code historyTable} and commit;
     * a lock wait is told as the row's, not as a statement's at {@code lastLine}.
     */
    public Watch watchCommit(String migration, int done, int total, int lastLine, String historyTable) {
        return watch(migration, done, total, lastLine, Call.COMMIT, historyTable);
    }

    private Watch watch(String migration, int done, int total, int line, Call call, String historyTable) {
        long now = System.nanoTime();
        Running previous = running;
        long migrationStarted = previous != null && previous.migrationSeq == migrationSeq ? previous.migrationStarted : now;
        Running current = new Running(sequence.incrementAndGet(), migrationSeq, migration, done, total, line, call,
                historyTable, migrationStarted, now, true);
        running = current;
        return () -> {
            if (running == current) {
                running = current.returned();
            }
        };
    }

    /** The migration is done, applied or not: nothing of it is watched any more. */
    public void migrationFinished() {
        running = null;
    }

    /** Who blocked the last watched call, as last seen while it waited; empty when no wait was seen. */
    public List<Blocker> blockersSeen() {
        Running current = running;
        Seen last = seen;
        return current != null && last.seq == current.seq ? last.blockers : List.of();
    }

    /** Set when the watcher ended the applying connection because its answer could not arrive. */
    public Optional<DeadPath> deadPath() {
        return Optional.ofNullable(deadPath);
    }

    /**
     * Stops watching. The monitor connection goes back to {@code connections}, for a fleet worker's next
     * target, unless the watcher's thread is still waiting on it: a check on a dead path is ended by
     * aborting its connection.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean ended = joined(1000);
        Connection last = monitor;
        if (last == null) {
            return;
        }
        if (ended) {
            connections.releaseMonitor(last);
        } else {
            abortQuietly(last);
            joined(1000);
        }
    }

    private boolean joined(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void loop() {
        long lastSeq = -1;
        long lastMigration = -1;
        long nextCheck = 0;
        long nextProgress = 0;
        long stalledSince = -1;
        while (!closed) {
            Running current = running;
            long now = System.nanoTime();
            if (current != null) {
                if (current.migrationSeq != lastMigration) {
                    lastMigration = current.migrationSeq;
                    nextProgress = current.migrationStarted + progressInterval.toNanos();
                }
                if (current.seq != lastSeq) {
                    lastSeq = current.seq;
                    stalledSince = -1;
                    nextCheck = current.callStarted + firstCheck.toNanos();
                }
                if (now - nextProgress >= 0) {
                    listener.progress(new MigrationProgress(current.migration, current.done, current.total,
                            Duration.ofNanos(now - current.migrationStarted).toMillis()));
                    nextProgress = now + progressInterval.toNanos();
                }
                if (current.inCall && now - nextCheck >= 0 && monitor != null && deadPath == null) {
                    stalledSince = check(current, stalledSince);
                    nextCheck = System.nanoTime() + watchInterval.toNanos();
                }
            }
            pause(current == null ? firstCheck.toNanos() : Math.min(firstCheck.toNanos(), Math.max(1_000_000,
                    Math.min(nextProgress, current.inCall ? nextCheck : Long.MAX_VALUE) - System.nanoTime())));
        }
    }

    /** One look at the applying session; returns since when it has looked stalled (-1: it does not). */
    private long check(Running current, long stalledSince) {
        Observation observation;
        try {
            observation = observe();
        } catch (SQLException first) {
            observation = observeOnNewMonitor(current, first);
            if (observation == null) {
                return stalledSince;
            }
        }
        if (observation.waitsOnLock()) {
            seen = new Seen(current.seq, observation.blockers);
            listener.waitingOnLock(new LockWait(current.migration, current.line, observation.waitEvent,
                    Duration.ofNanos(System.nanoTime() - current.callStarted).toMillis(), observation.blockers, current.historyTable));
        }
        if (!observation.stalled()) {
            return -1;
        }
        long now = System.nanoTime();
        if (stalledSince < 0) {
            return now;
        }
        if (now - stalledSince >= networkTimeout.toNanos() && running == current) {
            endStalled(current, observation, Duration.ofNanos(now - stalledSince));
        }
        return stalledSince;
    }

    /** The monitor's own connection failed: a fresh one tells a dead server path from a dead monitor connection. */
    private Observation observeOnNewMonitor(Running current, SQLException first) {
        abortQuietly(monitor);
        monitor = null;
        try {
            monitor = connections.openMonitor(networkTimeout);
            return observe();
        } catch (RuntimeException | SQLException second) {
            if (isNetworkFailure(second) || isNetworkFailure(first)) {
                end(current, new DeadPath("The server did not answer within hotgigs.networkTimeout ("
                        + DurationSetting.format(networkTimeout) + "): a check on a second connection failed ("
                        + first.getMessage() + ") and a new connection failed too (" + second.getMessage() + ").",
                        false, null));
            } else {
                listener.warning("Stopped watching the migrations' statements: the second connection failed ("
                        + second.getMessage() + "). The migrations run on.");
            }
            return null;
        }
    }

    private void endStalled(Running current, Observation observation, Duration stalled) {
        String what = current.call == Call.COMMIT ? "its commit" : "the statement at line " + current.line;
        String reason = observation.gone()
                ? "The server no longer has the session (pid " + applyingPid + ") that ran " + what + ", but for "
                        + stalled.toSeconds() + " s no answer or error reached this run: the network path to the server is broken."
                : "The server finished " + what + " (its session is '" + observation.state + "'), but for "
                        + stalled.toSeconds() + " s the answer did not reach this run: the network path to the server is broken.";
        boolean ended = !observation.gone() && terminate();
        end(current, new DeadPath(reason, ended || observation.gone(), observation.gone() ? null : observation.state));
    }

    private void end(Running current, DeadPath path) {
        if (running != current) {
            return;
        }
        deadPath = path;
        abortQuietly(applying);
    }

    /** Ends the applying session on the server, so an open transaction is rolled back and its locks released now. */
    private boolean terminate() {
        try (PreparedStatement end = monitor.prepareStatement("SELECT pg_catalog.pg_terminate_backend(?)")) {
            end.setInt(1, applyingPid);
            try (ResultSet result = end.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private Observation observe() throws SQLException {
        try (PreparedStatement query = monitor.prepareStatement(CHECK)) {
            query.setInt(1, applyingPid);
            try (ResultSet rows = query.executeQuery()) {
                Observation observation = null;
                while (rows.next()) {
                    if (observation == null) {
                        observation = new Observation(rows.getObject(1) != null, rows.getString(2), rows.getString(3),
                                rows.getString(4), new ArrayList<>());
                    }
                    if (rows.getObject(5) != null) {
                        observation.blockers.add(new Blocker(rows.getInt(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), rows.getObject(9, OffsetDateTime.class),
                                rows.getObject(10, OffsetDateTime.class), firstLine(rows.getString(11))));
                    }
                }
                return observation;
            }
        }
    }

    /** The applying session as the server shows it. */
    private record Observation(boolean present, String state, String waitEventType, String waitEvent, List<Blocker> blockers) {

        boolean waitsOnLock() {
            return "Lock".equals(waitEventType);
        }

        boolean gone() {
            return !present;
        }

        /**
         * The server is done with the call, or cannot hand its answer over, while the client still waits
         * for it: idle (in its transaction or not), gone, or blocked writing to the client.
         */
        boolean stalled() {
            return gone() || (state != null && state.startsWith("idle")) || "ClientWrite".equals(waitEvent);
        }
    }

    static String firstLine(String query) {
        if (query == null) {
            return null;
        }
        String stripped = query.strip();
        int end = stripped.indexOf('\n');
        String line = (end < 0 ? stripped : stripped.substring(0, end)).strip();
        return line.length() <= QUERY_SHOWN ? line : line.substring(0, QUERY_SHOWN - 3) + "...";
    }

    /** A failure of the path to the server (no answer, a reset, a refused or timed-out connection), not an SQL error. */
    static boolean isNetworkFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits, woken early by {@link #close()} rather than by an interrupt: the monitor connection may be
     * kept for the next target, and no call of the driver on it should ever see one.
     */
    private synchronized void pause(long nanos) {
        if (closed) {
            return;
        }
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void abortQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Ending a connection that is already broken: there is nothing more to end.
        }
    }
}
