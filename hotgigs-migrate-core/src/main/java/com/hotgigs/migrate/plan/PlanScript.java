package com.hotgigs.migrate.plan;

import com.hotgigs.migrate.execution.PreparedCallback;
import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.execution.RunCallbacks;
import com.hotgigs.migrate.execution.SessionSql;
import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lock.MigrationLock;
import com.hotgigs.migrate.migration.CallbackEvent;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.sql.SecretText;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of {@code plan.sql}: what migrate sends on its connection for the pending migrations (the
 * versioned ones, then the repeatables whose text changed) and the callbacks around them, in order, built from the same pieces the runner sends ({@link SessionSql}, {@link HistoryTable#insertSql},
 * {@link MigrationLock#TRY_LOCK_SQL}), with each statement's file and line and the lint findings next to
 * their statement. Values of secret placeholders and passwords are masked, as in the log.
 */
public final class PlanScript {

    private final StringBuilder text = new StringBuilder();
    private final Placeholders placeholders;
    private int statements;

    private PlanScript(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * What the plan is of.
     *
     * @param refusal why migrate would refuse this database as it is, said at the plan's top; null when it would not
     */
    public record Target(String database, HistoryTable history, int historyFormat, boolean schemaExists, String refusal) {
    }

    /**
     * @param pending   the versioned migrations to apply, then the repeatables, in the order migrate runs them
     * @param callbacks migrate's callbacks, prepared
     * @param findings  lint findings of the pending migrations, printed before their statement
     */
    public static Plan render(Target target, SessionSql session, List<PreparedMigration> pending, RunCallbacks callbacks,
                              List<LintFinding> findings, Placeholders placeholders) {
        PlanScript script = new PlanScript(placeholders);
        // A migrate with callbacks takes the lock and runs them even when nothing is pending.
        boolean runs = !pending.isEmpty() || callbacks.any(RunCallbacks.MIGRATE);
        script.header(target, pending.size(), runs);
        if (runs) {
            script.body(target, session, pending, callbacks, findings);
        }
        return new Plan(pending.size(), script.statements, findings.size(), script.text.toString());
    }

    private void header(Target target, int pending, boolean runs) {
        comment("hotgigs:plan for database " + target.database() + ", history table " + target.history().displayName() + ": "
                + pending + (pending == 1 ? " migration" : " migrations") + " to apply. Nothing below has run.");
        comment("What migrate sends on its connection, in this order, statement by statement as the server logs them;");
        comment("parameters ($1, ...) are listed after the statement that takes them. Not shown: the read-only queries");
        comment("of the catalog and the history table, and a retry after a lock timeout (the same transaction again).");
        if (placeholders.hasSecrets()) {
            comment("Values of secret placeholders are shown as their ${name}, passwords as " + SecretText.MASK + ".");
        }
        if (target.refusal() != null) {
            comment("MIGRATE WOULD NOT RUN THIS: " + target.refusal());
            comment("What follows is what it would send once that is resolved.");
        }
        if (!runs) {
            comment("Nothing is pending: migrate sends nothing that writes, and takes no lock.");
        } else if (pending == 0) {
            comment("Nothing is pending, but the locations hold callbacks: migrate takes the lock and runs them.");
        }
        text.append('\n');
    }

    private void body(Target target, SessionSql session, List<PreparedMigration> pending, RunCallbacks callbacks,
                      List<LintFinding> findings) {
        long key = MigrationLock.keyFor(target.history().displayName());
        comment("The migration lock on " + target.history().displayName() + ", asked for until granted (hotgigs.lockWaitSeconds):");
        sent(MigrationLock.TRY_LOCK_SQL, List.of(String.valueOf(key)));
        runCallbacks(callbacks.of(CallbackEvent.BEFORE_MIGRATE));
        if (!pending.isEmpty()) {
            historyTable(target);
        }
        for (int i = 0; i < pending.size(); i++) {
            migration(session, pending.get(i), i == 0, i == pending.size() - 1, target.history(), callbacks, findings);
        }
        runCallbacks(callbacks.of(CallbackEvent.AFTER_MIGRATE));
        onFailure(callbacks.of(CallbackEvent.AFTER_EACH_MIGRATE_ERROR), "after a migration's failed attempt");
        onFailure(callbacks.of(CallbackEvent.AFTER_MIGRATE_ERROR), "after the run failed");
        text.append('\n');
        comment("The lock is released:");
        sent(MigrationLock.UNLOCK_SQL, List.of(String.valueOf(key)));
    }

    private void historyTable(Target target) {
        if (target.historyFormat() == HistoryTable.FORMAT) {
            return;
        }
        text.append('\n');
        comment(target.historyFormat() == 0 ? "The history table does not exist: it is created, in a transaction of its own."
                : "The history table is in format " + target.historyFormat() + ": it is upgraded to format " + HistoryTable.FORMAT
                        + ", in a transaction of its own.");
        sent("BEGIN", List.of());
        List<String> ddl = target.historyFormat() == 0
                ? target.history().createStatements(target.schemaExists()) : target.history().upgradeStatements();
        ddl.forEach(sql -> sent(sql, List.of()));
        sent("COMMIT", List.of());
    }

    /** A run's callbacks (beforeMigrate, afterMigrate), each in a transaction of its own unless it must run outside one. */
    private void runCallbacks(List<PreparedCallback> callbacks) {
        for (PreparedCallback callback : callbacks) {
            text.append('\n');
            comment("Callback " + callback.callback().displayName() + " (" + callback.callback().source() + "): "
                    + (callback.autocommit() ? "outside a transaction" : "in a transaction of its own") + ", never recorded:");
            boolean transaction = !callback.autocommit() && !callback.statements().isEmpty();
            if (transaction) {
                sent("BEGIN", List.of());
            }
            callbackStatements(callback);
            if (transaction) {
                sent("COMMIT", List.of());
            }
        }
    }

    private void callbackStatements(PreparedCallback callback) {
        for (Statement statement : callback.statements()) {
            comment(callback.callback().source() + " line " + statement.line());
            sent(statement.sql(), List.of());
        }
    }

    /** Callbacks that run only when something failed: named, not part of the planned run. */
    private void onFailure(List<PreparedCallback> callbacks, String when) {
        for (PreparedCallback callback : callbacks) {
            text.append('\n');
            comment("Callback " + callback.callback().displayName() + " (" + callback.callback().source() + ") runs only "
                    + when + "; not part of this plan.");
        }
    }

    private void migration(SessionSql session, PreparedMigration prepared, boolean first, boolean last, HistoryTable history,
                           RunCallbacks callbacks, List<LintFinding> findings) {
        Migration migration = prepared.migration();
        text.append('\n');
        comment("Migration " + migration.displayName() + " (" + migration.source() + "): " + (prepared.autocommit()
                ? "transaction mode " + prepared.mode().word() + ", outside the engine's transaction (" + prepared.reason() + ")"
                : "in one transaction with its history row"));
        if (first) {
            // In autocommit, before the migration's transaction: its first statement is then the transaction's first.
            comment("The session is reset and the engine's settings and limits set, once before the first migration:");
            each(session.reset());
        }
        if (!prepared.autocommit()) {
            sent("BEGIN", List.of());
        }
        List<Statement> own = prepared.statements();
        // As the runner orders them: a wrapped script's SET TRANSACTION stays its transaction's first statement,
        // then the beforeEachMigrate callbacks, the script, the afterEachMigrate callbacks, all in its transaction.
        if (prepared.startsWithSetTransaction() && !callbacks.of(CallbackEvent.BEFORE_EACH_MIGRATE).isEmpty()) {
            statement(migration, own.get(0), findings);
            own = own.subList(1, own.size());
        }
        callbacks.of(CallbackEvent.BEFORE_EACH_MIGRATE).forEach(this::eachMigrationCallback);
        own.forEach(statement -> statement(migration, statement, findings));
        callbacks.of(CallbackEvent.AFTER_EACH_MIGRATE).forEach(this::eachMigrationCallback);
        comment(prepared.autocommit() ? "The history row, after the last statement:"
                : "The history row, in the same round trip as the commit" + (last ? " (the run's last: it waits for its flush)" : "") + ":");
        each(session.beforeRow(prepared.autocommit(), last));
        sent(history.insertSql(MigrationLock.heldConditionFor(history.displayName())), List.of(
                migration.repeatable() ? "NULL" : quote(migration.version().text()), quote(migration.name()),
                quote(migration.script()), quote(migration.checksum().hex()), "(its run time in ms)", "true", "NULL",
                migration.repeatable() ? "'REPEATABLE'" : "'MIGRATION'", "NULL"));
        each(session.afterRow(prepared.autocommit()));
    }

    private void eachMigrationCallback(PreparedCallback callback) {
        comment("Callback " + callback.callback().displayName() + ", in the migration's transaction:");
        callbackStatements(callback);
    }

    private void statement(Migration migration, Statement statement, List<LintFinding> findings) {
        for (LintFinding finding : findings) {
            if (finding.migration().equals(migration.displayName()) && finding.line() == statement.line()) {
                comment("lint: " + finding.message());
            }
        }
        comment(migration.source() + " line " + statement.line());
        sent(statement.sql(), List.of());
        if (statement.kind() == StatementKind.COPY_FROM_STDIN) {
            comment("its data, " + statement.copyData().lines().count() + " lines from the script, goes as COPY data");
        }
    }

    /** Several statements sent in one string, one by one as the server runs and logs them. */
    private void each(String sql) {
        if (sql.isBlank()) {
            return;
        }
        for (Statement statement : SqlSplitter.split(sql)) {
            sent(statement.sql(), List.of());
        }
    }

    /** One statement as the server receives it: JDBC's {@code ?} become {@code $1}, {@code $2}, ... */
    private void sent(String sql, List<String> parameters) {
        String shown = sql.strip();
        if (shown.endsWith(";")) {
            shown = shown.substring(0, shown.length() - 1);
        }
        int n = 0;
        StringBuilder numbered = new StringBuilder();
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            numbered.append(c == '?' && !parameters.isEmpty() ? "$" + (++n) : String.valueOf(c));
        }
        text.append(SecretText.mask(placeholders.redact(numbered.toString()))).append(";\n");
        statements++;
        if (!parameters.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                values.add("$" + (i + 1) + " = " + parameters.get(i));
            }
            comment("parameters: " + String.join(", ", values));
        }
    }

    private void comment(String line) {
        text.append("-- ").append(placeholders.redact(line).replace("\n", "\n-- ")).append('\n');
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
