package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.Blocker;
import com.hotgigs.migrate.DurationSetting;
import com.hotgigs.migrate.LockWait;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.connection.SessionSettings;
import com.hotgigs.migrate.sql.Statement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The timeouts every statement of a migration runs under, and what the runner does when one is hit:
 * a transactional migration that waited too long for a lock was rolled back whole, so running it
 * again is safe; anything else is reported, never retried.
 *
 * @param lockTimeout      zero: the engine sets none
 * @param statementTimeout zero: the engine sets none
 * @param lockRetries      how many times a transactional migration runs again after a lock timeout
 * @param firstPause       the pause before the first retry, doubling after each
 */
public record StatementLimits(Duration lockTimeout, Duration statementTimeout, int lockRetries, Duration firstPause) {

    /** lock_not_available: lock_timeout, or a NOWAIT that found the lock taken. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** query_canceled: statement_timeout among others (a pg_cancel_backend, say). */
    static final String QUERY_CANCELED = "57014";
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);
    /** A script's own {@code SET [LOCAL | SESSION] lock_timeout ...}, which replaces ours for what follows it. */
    private static final Pattern SETS_LOCK_TIMEOUT = Pattern.compile("\\s*SET\\s+(?:LOCAL\\s+|SESSION\\s+)?lock_timeout\\b",
            Pattern.CASE_INSENSITIVE);

    public static StatementLimits of(MigratorConfig config) {
        return new StatementLimits(config.lockTimeout(), config.statementTimeout(), config.lockRetries(), config.lockRetryPause());
    }

    /**
     * The SET statements, separated by semicolons, without a final one; empty when the engine sets neither.
     * Run after every session reset, so they hold for every statement of every migration.
     */
    public String sql() {
        List<String> settings = new ArrayList<>();
        set(settings, "lock_timeout", lockTimeout);
        set(settings, "statement_timeout", statementTimeout);
        return String.join("; ", settings);
    }

    private static void set(List<String> settings, String name, Duration value) {
        String set = SessionSettings.timeout(name, value);
        if (!set.isEmpty()) {
            settings.add(set);
        }
    }

    /**
     * Whether the failed attempt is run again: a lock timeout in a transaction (of a statement or of the
     * history row's insert), while retries are left.
     */
    boolean retries(boolean autocommit, String sqlState, int retriesDone) {
        return !autocommit && LOCK_NOT_AVAILABLE.equals(sqlState) && retriesDone < lockRetries;
    }

    /** The pause before retry {@code retry} (from 1): the first pause, doubled for each retry before it. */
    Duration pause(int retry) {
        Duration pause = firstPause;
        for (int i = 1; i < retry && pause.compareTo(LONGEST_PAUSE) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** The lock timeout the statement ran under: the script's own SET, when it made one before it, wins over ours. */
    private String limitInForce(StatementFailure failure) {
        for (int i = failure.completed().size() - 1; i >= 0; i--) {
            Statement earlier = failure.completed().get(i);
            if (SETS_LOCK_TIMEOUT.matcher(earlier.sql()).lookingAt()) {
                return "the lock_timeout the script set at line " + earlier.line();
            }
        }
        return lockTimeout.isZero() ? "the lock_timeout of this role or database"
                : "hotgigs.lockTimeout (" + DurationSetting.format(lockTimeout) + ")";
    }

    /**
     * What the failure means when a limit caused it, with the fix, as a sentence to put in the message;
     * empty for any other failure.
     */
    String explain(boolean autocommit, StatementFailure failure, int retriesDone, List<Blocker> blockers) {
        if (LOCK_NOT_AVAILABLE.equals(failure.sqlState())) {
            return lockTimedOut("It", autocommit, limitInForce(failure), retriesDone, blockers);
        }
        if (QUERY_CANCELED.equals(failure.sqlState()) && !statementTimeout.isZero()
                && failure.serverText().toLowerCase(Locale.ROOT).contains("statement timeout")) {
            return "It ran longer than hotgigs.statementTimeout (" + DurationSetting.format(statementTimeout)
                    + ") and was cancelled; a statement timeout is never retried. Raise hotgigs.statementTimeout "
                    + "(or set it to off) for this run.";
        }
        return "";
    }

    /**
     * The insert of a migration's history row, at its commit, waited longer than the lock timeout for the
     * history table: what that means and the fix, as {@link #explain} says it for a statement. The row
     * travels after the session reset, so the engine's own timeout is the one in force.
     */
    String explainHistoryRow(boolean autocommit, String historyTable, int retriesDone, List<Blocker> blockers) {
        String limit = lockTimeout.isZero() ? "the lock_timeout of this role or database"
                : "hotgigs.lockTimeout (" + DurationSetting.format(lockTimeout) + ")";
        return lockTimedOut("The insert of its history row into " + historyTable, autocommit, limit, retriesDone, blockers);
    }

    /** @param subject what waited, to begin the sentence: "It" for the statement */
    private String lockTimedOut(String subject, boolean autocommit, String limit, int retriesDone, List<Blocker> blockers) {
        String held = blockers.isEmpty()
                ? "The session holding the lock was not seen (the wait was shorter than a check)."
                : "The lock was held by " + LockWait.describe(blockers) + ".";
        String tries;
        if (autocommit) {
            tries = "It was not retried: it runs outside a transaction, so running it again could repeat what already took effect.";
        } else if (retriesDone == 0) {
            tries = subject + " waited longer than " + limit + " and was not retried (hotgigs.lockRetries = " + lockRetries + ").";
        } else {
            tries = subject + " waited longer than " + limit + " on each of its " + (retriesDone + 1) + " attempts (" + retriesDone
                    + (retriesDone == 1 ? " retry" : " retries") + ", hotgigs.lockRetries = " + lockRetries + ").";
        }
        String prefix = autocommit ? subject + " waited for a lock longer than " + limit + ". " : "";
        // Retries do nothing for a statement that is never retried.
        String raise = autocommit ? "raise hotgigs.lockTimeout" : "raise hotgigs.lockTimeout or hotgigs.lockRetries";
        return prefix + tries + " " + held + " Let that session finish, or end it (" + terminate(blockers) + "), "
                + "and run migrate again; or " + raise + ".";
    }

    /** The query that ends the sessions seen holding the lock; with a placeholder when none was seen. */
    static String terminate(List<Blocker> blockers) {
        if (blockers.isEmpty()) {
            return "SELECT pg_terminate_backend(<pid>) with the pid that pg_blocking_pids shows";
        }
        return "SELECT " + blockers.stream().map(blocker -> "pg_terminate_backend(" + blocker.pid() + ")")
                .distinct().collect(Collectors.joining(", "));
    }
}
