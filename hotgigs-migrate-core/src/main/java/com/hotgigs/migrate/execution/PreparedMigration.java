package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.sql.ScriptSyntaxException;
import com.hotgigs.migrate.sql.SecretText;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.List;

/**
 * A pending migration split into statements and checked for what can be known before it runs:
 * syntax the splitter rejects, transaction control, and a mix of statements that must run outside
 * a transaction with ones that must run inside.
 *
 * @param autocommit true when every statement must run outside a transaction block
 */
public record PreparedMigration(Migration migration, List<Statement> statements, boolean autocommit) {

    public PreparedMigration {
        statements = List.copyOf(statements);
    }

    public static PreparedMigration prepare(Migration migration, int serverMajorVersion) {
        return prepare(migration, serverMajorVersion, true);
    }

    /** @param standardConformingStrings the server's setting for the session the migration runs in */
    public static PreparedMigration prepare(Migration migration, int serverMajorVersion, boolean standardConformingStrings) {
        List<Statement> statements = split(migration, standardConformingStrings);
        for (Statement statement : statements) {
            if (statement.kind() == StatementKind.TRANSACTION_CONTROL) {
                throw new ConfigurationException(ErrorCode.SCRIPT_SYNTAX, "Migration " + migration.displayName() + " ("
                        + migration.source() + ") line " + statement.line() + ": '" + firstWords(statement.sql())
                        + "' controls the transaction, but the engine runs each migration in a transaction of its own. "
                        + "Remove it.");
            }
        }
        List<Statement> outside = statements.stream().filter(s -> s.requiresAutocommit(serverMajorVersion)).toList();
        if (!outside.isEmpty() && outside.size() < statements.size()) {
            Statement inside = statements.stream().filter(s -> !s.requiresAutocommit(serverMajorVersion)).findFirst().orElseThrow();
            throw new ConfigurationException(ErrorCode.MIXED_TRANSACTIONAL_SCRIPT, "Migration " + migration.displayName() + " ("
                    + migration.source() + ") mixes statements that cannot run in a transaction (line " + outside.get(0).line()
                    + ": '" + firstWords(outside.get(0).sql()) + "') with statements that must (line " + inside.line() + ": '"
                    + firstWords(inside.sql()) + "'). Nothing was run. Move the statements that cannot run in a transaction "
                    + "into a migration of their own.");
        }
        return new PreparedMigration(migration, statements, !outside.isEmpty());
    }

    private static List<Statement> split(Migration migration, boolean standardConformingStrings) {
        try {
            return SqlSplitter.split(migration.sql().text(), standardConformingStrings);
        } catch (ScriptSyntaxException e) {
            throw new ConfigurationException(ErrorCode.SCRIPT_SYNTAX, "Migration " + migration.displayName() + " ("
                    + migration.source() + ") line " + e.line() + ", column " + e.column() + ": " + e.getMessage(), e);
        }
    }

    /** The start of a statement, for messages: enough to recognise it, never a whole script, never a password. */
    static String firstWords(String sql) {
        String oneLine = SecretText.mask(sql).strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
