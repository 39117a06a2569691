package com.hotgigs.migrate.script;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.sql.SecretText;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The transaction blocks a script opens and closes itself at its top level ({@code BEGIN} or
 * {@code START TRANSACTION} up to {@code COMMIT}, {@code END}, {@code ROLLBACK} or {@code ABORT}),
 * checked before anything runs: a block must be closed, a close must have its block, a script must
 * not end by rolling back, and a statement PostgreSQL refuses in a transaction block must not be in one.
 *
 * @param blocks in script order, by statement index
 */
public record TransactionBlocks(List<Block> blocks) {

    /**
     * @param begin     index of the statement that opens it
     * @param end       index of the statement that closes it
     * @param committed false when it closes with ROLLBACK or ABORT
     */
    public record Block(int begin, int end, boolean committed) {
        public boolean contains(int index) {
            return index >= begin && index <= end;
        }
    }

    /** What a transaction-control statement does. */
    enum Control { BEGIN, COMMIT, ROLLBACK, UNSUPPORTED }

    private static final Pattern BEGIN = Pattern.compile("(?is)^(?:begin(?:\\s+(?:work|transaction))?|start\\s+transaction)\\b\\s*(.*)$");

    public TransactionBlocks {
        blocks = List.copyOf(blocks);
    }

    /**
     * @param serverMajorVersion decides whether {@code ALTER TYPE ... ADD VALUE} may run in a block
     * @throws ConfigurationException naming the file, line and fix of the first problem
     */
    public static TransactionBlocks of(List<Statement> statements, String source, int serverMajorVersion) {
        List<Block> blocks = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (statement.kind() != StatementKind.TRANSACTION_CONTROL) {
                if (open >= 0 && statement.requiresAutocommit(serverMajorVersion)) {
                    throw error(source, statement, "'" + words(statement) + "' is inside the transaction block opened at line "
                            + statements.get(open).line() + ", and PostgreSQL refuses it in a transaction block. Move it "
                            + "after the block's COMMIT (or into a migration of its own).");
                }
                continue;
            }
            switch (control(statement)) {
                case BEGIN -> {
                    if (open >= 0) {
                        throw error(source, statement, "'" + words(statement) + "' opens a transaction block inside the one "
                                + "opened at line " + statements.get(open).line() + " (PostgreSQL would only warn and go on in "
                                + "the first). Close the first block with COMMIT before it, or remove it.");
                    }
                    open = i;
                }
                case COMMIT, ROLLBACK -> {
                    if (open < 0) {
                        throw error(source, statement, "'" + words(statement) + "' closes no transaction: there is no BEGIN "
                                + "before it. Add BEGIN where the transaction should start, or remove it.");
                    }
                    blocks.add(new Block(open, i, control(statement) == Control.COMMIT));
                    open = -1;
                }
                default -> throw error(source, statement, "'" + words(statement) + "' is two-phase or chained transaction "
                        + "control, which a migration cannot use: its history row could not be written with it. Use "
                        + "BEGIN and COMMIT.");
            }
        }
        if (open >= 0) {
            throw error(source, statements.get(open), "'" + words(statements.get(open)) + "' opens a transaction block that "
                    + "is never closed. Add COMMIT after its last statement.");
        }
        if (!blocks.isEmpty()) {
            Block last = blocks.get(blocks.size() - 1);
            if (!last.committed() && last.end() == statements.size() - 1) {
                Statement rollback = statements.get(last.end());
                throw error(source, rollback, "the script ends with '" + words(rollback) + "', which undoes its block: "
                        + "applied, it would change nothing and still be recorded as applied. If it was written as a "
                        + "dry run, end it with COMMIT to apply it.");
            }
        }
        return new TransactionBlocks(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether the script is one block from its first statement to its last, with nothing outside. */
    public boolean wrapsWhole(int statementCount) {
        return blocks.size() == 1 && blocks.get(0).begin() == 0 && blocks.get(0).end() == statementCount - 1;
    }

    /** The block a statement is part of, its opening and closing statements included. */
    public Optional<Block> blockOf(int index) {
        return blocks.stream().filter(b -> b.contains(index)).findFirst();
    }

    /**
     * The transaction modes a {@code BEGIN} or {@code START TRANSACTION} names ({@code ISOLATION LEVEL
     * SERIALIZABLE}, {@code READ ONLY}...), empty when none.
     */
    static String beginModes(Statement begin) {
        Matcher matcher = BEGIN.matcher(begin.sql());
        // A comment inside the statement (BEGIN -- why) is no transaction mode.
        return matcher.matches() ? matcher.group(1).replaceAll("(?s)/\\*.*?\\*/|--[^\n]*", " ").strip() : "";
    }

    static Control control(Statement statement) {
        String[] words = statement.sql().toLowerCase(Locale.ROOT).split("[^a-z_]+");
        String first = words.length > 0 ? words[0] : "";
        boolean chain = statement.sql().toLowerCase(Locale.ROOT).matches("(?s).*\\band\\s+chain\\b.*")
                && !statement.sql().toLowerCase(Locale.ROOT).matches("(?s).*\\band\\s+no\\s+chain\\b.*");
        return switch (first) {
            case "begin" -> Control.BEGIN;
            case "start" -> Control.BEGIN;
            case "commit", "end" -> words.length > 1 && words[1].equals("prepared") || chain ? Control.UNSUPPORTED : Control.COMMIT;
            case "rollback", "abort" -> words.length > 1 && words[1].equals("prepared") || chain ? Control.UNSUPPORTED : Control.ROLLBACK;
            default -> Control.UNSUPPORTED; // PREPARE TRANSACTION
        };
    }

    static String words(Statement statement) {
        return SecretText.firstWords(statement.sql());
    }

    private static ConfigurationException error(String source, Statement statement, String message) {
        return new ConfigurationException(ErrorCode.TRANSACTION_CONTROL, source + " line " + statement.line() + ": " + message
                + " Nothing was run.");
    }
}
