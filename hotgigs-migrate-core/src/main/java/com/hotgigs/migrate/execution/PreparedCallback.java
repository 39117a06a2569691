package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.TransactionMode;
import com.hotgigs.migrate.migration.Callback;
import com.hotgigs.migrate.migration.Placeholders;
import com.hotgigs.migrate.migration.ScriptText;
import com.hotgigs.migrate.script.ScriptDirectives;
import com.hotgigs.migrate.sql.ScriptSyntaxException;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.List;

/**
 * A callback with its placeholders replaced and split into statements by the migrations' splitter,
 * checked as a migration is before anything runs: no transaction control, no mix of statements
 * that must run outside a transaction with ones that must run inside.
 *
 * @param sent       its text as sent, which tells failures' positions as the file has them
 * @param autocommit true when every statement must run outside a transaction block (a VACUUM, say)
 */
public record PreparedCallback(Callback callback, ScriptText sent, List<Statement> statements, boolean autocommit) {

    public PreparedCallback {
        statements = List.copyOf(statements);
    }

    /** @throws ConfigurationException naming the callback's file and line */
    public static PreparedCallback prepare(Callback callback, Placeholders placeholders, int serverMajorVersion,
                                           boolean standardConformingStrings) {
        List<Statement> statements;
        ScriptText sent = placeholders.applyTo(callback);
        String text = sent.text();
        // The directives' namespace holds for callbacks too: an unknown hotgigs: word is an error here as well.
        boolean declaredNone = ScriptDirectives.read(text, callback.source()).transactionMode() == TransactionMode.NONE;
        try {
            statements = SqlSplitter.split(text, standardConformingStrings);
        } catch (ScriptSyntaxException e) {
            // The splitter's message names the column already.
            throw refused(callback, e.line(), withPeriod(e.getMessage()), ErrorCode.SCRIPT_SYNTAX);
        }
        for (Statement statement : statements) {
            if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
                throw refused(callback, statement.line(), "'" + PreparedMigration.firstWords(statement.sql())
                        + "' controls the transaction, but the engine runs each callback in a transaction of its own (an "
                        + "each-migration callback in its migration's). Remove it.", ErrorCode.SCRIPT_SYNTAX);
            }
        }
        List<Statement> outside = statements.stream().filter(s -> s.requiresAutocommit(serverMajorVersion)).toList();
        if (!outside.isEmpty() && outside.size() < statements.size()) {
            throw refused(callback, outside.get(0).line(), "'" + PreparedMigration.firstWords(outside.get(0).sql())
                    + "' cannot run in a transaction, and the callback's other statements must. Put it in a callback of "
                    + "its own (e.g. " + callback.event().fileName() + "__vacuum.sql).", ErrorCode.MIXED_TRANSACTIONAL_SCRIPT);
        }
        boolean autocommit = !outside.isEmpty() || declaredNone;
        if (autocommit && (callback.event().readOnly() || eachMigration(callback))) {
            Statement first = outside.isEmpty() ? statements.get(0) : outside.get(0);
            throw refused(callback, first.line(), "'" + PreparedMigration.firstWords(first.sql())
                    + "' would run outside a transaction, and " + article(callback.event().fileName()) + " callback runs in "
                    + (callback.event().readOnly() ? "a read-only one" : "its migration's") + ". Remove it, or move it to "
                    + "an afterMigrate callback.", ErrorCode.MIXED_TRANSACTIONAL_SCRIPT);
        }
        return new PreparedCallback(callback, sent, statements, autocommit);
    }

    private static String withPeriod(String sentence) {
        String trimmed = sentence.strip();
        return trimmed.endsWith(".") ? trimmed : trimmed + ".";
    }

    static boolean eachMigration(Callback callback) {
        return switch (callback.event()) {
            case BEFORE_EACH_MIGRATE, AFTER_EACH_MIGRATE -> true;
            default -> false;
        };
    }

    private static ConfigurationException refused(Callback callback, int line, String what, ErrorCode code) {
        return new ConfigurationException(code, "Callback " + callback.displayName() + " (" + callback.source() + ") line "
                + line + ": " + what + " Nothing was run.");
    }

    /** "a beforeEachMigrate", "an afterEachMigrate". */
    private static String article(String name) {
        return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
