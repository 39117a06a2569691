package com.hotgigs.migrate.script;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.TransactionMode;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A script as it will run: the statements of its up part, and the transaction mode its directives,
 * the configuration and its own transaction control give it.
 * <ul>
 *   <li>{@link TransactionMode#NONE}, declared or configured: every statement as written, in autocommit,
 *       the script's own blocks as transactions; also a script whose every statement PostgreSQL refuses
 *       in a transaction.</li>
 *   <li>{@link TransactionMode#PER_MIGRATION}: no transaction control, or one block around the whole
 *       script, whose body then runs in the engine's transaction with the history row (a {@code BEGIN}
 *       that names transaction modes becomes {@code SET TRANSACTION} with them, the transaction's first
 *       statement).</li>
 *   <li>{@link TransactionMode#AS_WRITTEN}: any other transaction control, run as written.</li>
 * </ul>
 *
 * @param reason      why it runs in that mode, for the log: the directive, the setting or the script's blocks
 * @param statements  what is sent, in order; for a wrapped script its body
 * @param blocks      the script's own transaction blocks, by index in {@code statements}
 */
public record MigrationScript(TransactionMode mode, String reason, ScriptSections.Format format, List<Statement> statements,
                              TransactionBlocks blocks) {

    /** The setting's name in messages. */
    public static final String SETTING = "hotgigs.transactionMode";
    private static final int LINES_SHOWN = 5;

    public MigrationScript {
        statements = List.copyOf(statements);
    }

    /**
     * @param text       the script as it runs (placeholders replaced)
     * @param configured the mode of scripts that declare none
     * @throws ConfigurationException  a directive, section or transaction-control problem, or a mix of
     *                                 statements that cannot share a transaction with nothing to say how to run them
     * @throws com.hotgigs.migrate.sql.ScriptSyntaxException the script cannot be split
     */
    public static MigrationScript read(String text, String displayName, String source, TransactionMode configured,
                                       int serverMajorVersion, boolean standardConformingStrings) {
        ScriptDirectives directives = ScriptDirectives.read(text, source);
        ScriptSections.UpPart up = ScriptSections.split(text, source, standardConformingStrings);
        List<Statement> statements = up.statements();
        TransactionBlocks blocks = TransactionBlocks.of(statements, source, serverMajorVersion);
        TransactionMode declared = directives.transactionMode();
        if (declared == TransactionMode.NONE || declared == null && configured == TransactionMode.NONE) {
            String reason = declared != null ? "declared by " + directives.declaredBy() : "set by " + SETTING + "=none";
            return new MigrationScript(TransactionMode.NONE, reason, up.format(), statements, blocks);
        }
        if (blocks.isEmpty()) {
            return withoutControl(displayName, source, up.format(), statements, serverMajorVersion, directives);
        }
        if (blocks.wrapsWhole(statements.size())) {
            return new MigrationScript(TransactionMode.PER_MIGRATION, "its BEGIN ... COMMIT block around the whole script "
                    + "(lines " + statements.get(0).line() + "-" + statements.get(statements.size() - 1).line()
                    + ") runs as the migration's transaction", up.format(), body(statements), new TransactionBlocks(List.of()));
        }
        String lines = blocks.blocks().stream().map(b -> statements.get(b.begin()).line() + "-" + statements.get(b.end()).line())
                .collect(Collectors.joining(", "));
        return new MigrationScript(TransactionMode.AS_WRITTEN, "it controls its own transactions (blocks at lines " + lines
                + ")", up.format(), statements, blocks);
    }

    /** Whether the history row is written in the transaction of the statements. */
    public boolean autocommit() {
        return mode != TransactionMode.PER_MIGRATION;
    }

    private static MigrationScript withoutControl(String displayName, String source, ScriptSections.Format format,
                                                  List<Statement> statements, int serverMajorVersion, ScriptDirectives directives) {
        List<Statement> outside = statements.stream().filter(s -> s.requiresAutocommit(serverMajorVersion)).toList();
        if (outside.isEmpty()) {
            return new MigrationScript(TransactionMode.PER_MIGRATION, "the default", format, statements, new TransactionBlocks(List.of()));
        }
        List<Statement> inside = statements.stream().filter(s -> !s.requiresAutocommit(serverMajorVersion)).toList();
        if (inside.isEmpty() && directives.transactionMode() == null) {
            return new MigrationScript(TransactionMode.NONE, "PostgreSQL refuses each of its statements in a transaction",
                    format, statements, new TransactionBlocks(List.of()));
        }
        if (inside.isEmpty()) {
            throw new ConfigurationException(ErrorCode.MIXED_TRANSACTIONAL_SCRIPT, "Migration " + displayName + " (" + source
                    + ") asks for one transaction (" + directives.declaredBy() + "), but PostgreSQL refuses its statements in a "
                    + "transaction (" + describe(outside) + "). Nothing was run. Remove the directive: such a script runs "
                    + "statement by statement without one.");
        }
        String asked = directives.transactionMode() == null ? "" : " It asks for one transaction (" + directives.declaredBy()
                + "), which PostgreSQL refuses for those statements.";
        throw new ConfigurationException(ErrorCode.MIXED_TRANSACTIONAL_SCRIPT, "Migration " + displayName + " (" + source
                + ") mixes statements that PostgreSQL refuses in a transaction (" + describe(outside) + ") with statements "
                + "that run in the migration's transaction (" + describe(inside) + ")." + asked + " Nothing was run. To run it "
                + "statement by statement without a transaction, as goose, sqlx, dbmate and Atlas do when told so, put "
                + "'-- hotgigs:transaction none' above its first statement (or set " + SETTING + "=none for every script that "
                + "says nothing); it is then not atomic with its history row. Or move the statements that cannot run in a "
                + "transaction into a migration of their own.");
    }

    private static String describe(List<Statement> statements) {
        String shown = statements.stream().limit(LINES_SHOWN)
                .map(s -> "line " + s.line() + ": '" + TransactionBlocks.words(s) + "'").collect(Collectors.joining(", "));
        return statements.size() > LINES_SHOWN ? shown + " and " + (statements.size() - LINES_SHOWN) + " more" : shown;
    }

    /** The statements between the wrapping BEGIN and COMMIT; the BEGIN's modes become the transaction's first statement. */
    private static List<Statement> body(List<Statement> statements) {
        List<Statement> body = new ArrayList<>();
        Statement begin = statements.get(0);
        String modes = TransactionBlocks.beginModes(begin);
        if (!modes.isEmpty()) {
            body.add(new Statement("SET TRANSACTION " + modes, begin.line(), begin.column(), StatementKind.TRANSACTIONAL, null));
        }
        body.addAll(statements.subList(1, statements.size() - 1));
        return body;
    }
}
