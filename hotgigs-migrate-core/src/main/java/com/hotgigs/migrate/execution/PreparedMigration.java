package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.TransactionMode;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.script.MigrationScript;
import com.hotgigs.migrate.script.TransactionBlocks;
import com.hotgigs.migrate.sql.ScriptSyntaxException;
import com.hotgigs.migrate.sql.SecretText;
import com.hotgigs.migrate.sql.Statement;

import java.util.List;
import java.util.Optional;

/**
 * A pending migration split into statements and checked for what can be known before it runs:
 * syntax the splitter rejects, directives, sections, its own transaction control, and a mix of
 * statements that must run outside a transaction with ones that must run inside.
 *
 * @param mode   how it runs; anything but {@link TransactionMode#PER_MIGRATION} runs in autocommit
 * @param reason why it runs so, for the log
 * @param blocks the script's own transaction blocks, by index in {@code statements}
 */
public record PreparedMigration(Migration migration, List<Statement> statements, TransactionMode mode, String reason,
                                TransactionBlocks blocks) {

    public PreparedMigration {
        statements = List.copyOf(statements);
    }

    public static PreparedMigration prepare(Migration migration, int serverMajorVersion) {
        return prepare(migration, serverMajorVersion, true);
    }

    /** @param standardConformingStrings the server's setting for the session the migration runs in */
    public static PreparedMigration prepare(Migration migration, int serverMajorVersion, boolean standardConformingStrings) {
        return prepare(migration, serverMajorVersion, standardConformingStrings, TransactionMode.PER_MIGRATION);
    }

    /** @param configured the mode of scripts that declare none */
    public static PreparedMigration prepare(Migration migration, int serverMajorVersion, boolean standardConformingStrings,
                                            TransactionMode configured) {
        MigrationScript script = read(migration, serverMajorVersion, standardConformingStrings, configured);
        return new PreparedMigration(migration, script.statements(), script.mode(), script.reason(), script.blocks());
    }

    /**
     * What to warn about a script with no statement (an unsaved file, one of comments only), which runs as
     * nothing and is recorded as applied: filling it in afterwards is a checksum mismatch; empty for any other.
     */
    public Optional<String> emptyWarning() {
        if (!statements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Migration " + migration.displayName() + " has no statement (" + migration.source() + " is empty or "
                + "holds only comments): migrate records it as applied, and filling it in afterwards is a checksum mismatch. "
                + "Write its statements before it is applied, or remove the file.");
    }

    /** The script as it would run, for callers that only report its mode. */
    public static MigrationScript read(Migration migration, int serverMajorVersion, boolean standardConformingStrings,
                                       TransactionMode configured) {
        try {
            return MigrationScript.read(migration.sql().text(), migration.displayName(), migration.source(), configured,
                    serverMajorVersion, standardConformingStrings);
        } catch (ScriptSyntaxException e) {
            throw new ConfigurationException(ErrorCode.SCRIPT_SYNTAX, "Migration " + migration.displayName() + " ("
                    + migration.source() + ") line " + e.line() + ", column " + e.column() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether its first statement is a {@code SET TRANSACTION} (a wrapped script's {@code BEGIN ISOLATION LEVEL ...}),
     * which must stay its transaction's first: each-migration callbacks go after it, in the runner and in the plan.
     */
    public boolean startsWithSetTransaction() {
        return !statements.isEmpty() && statements.get(0).sql().regionMatches(true, 0, "SET TRANSACTION ", 0, 16);
    }

    /** True when its statements run in autocommit, not in one transaction with the history row. */
    public boolean autocommit() {
        return mode != TransactionMode.PER_MIGRATION;
    }

    /** The start of a statement, for messages: enough to recognise it, never a whole script, never a password. */
    public static String firstWords(String sql) {
        return SecretText.firstWords(sql);
    }
}
