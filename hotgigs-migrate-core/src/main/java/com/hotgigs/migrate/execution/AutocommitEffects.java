package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.script.TransactionBlocks;
import com.hotgigs.migrate.sql.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What already took effect when a script that runs outside the engine's transaction stops at a
 * statement: each statement outside a block committed on its own, each block closed before it
 * committed (or was rolled back as written), and the block the failure is in was rolled back.
 * Statements are counted from 1 in the order they run, lines are the file's.
 */
final class AutocommitEffects {

    private AutocommitEffects() {
    }

    /** @param stopped index of the statement that failed or was running when the connection went */
    static String describe(PreparedMigration prepared, int stopped) {
        List<Statement> statements = prepared.statements();
        TransactionBlocks blocks = prepared.blocks();
        List<String> remain = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        int i = 0;
        while (i < stopped) {
            Optional<TransactionBlocks.Block> block = blocks.blockOf(i);
            if (block.isEmpty()) {
                int from = i;
                while (i < stopped && blocks.blockOf(i).isEmpty()) {
                    i++;
                }
                remain.add(range("statement", from, i - 1, statements));
            } else if (block.get().end() < stopped) {
                String closed = "the block of " + range("statement", block.get().begin(), block.get().end(), statements);
                if (block.get().committed()) {
                    remain.add(closed + ", committed");
                } else {
                    undone.add(closed + " was rolled back as written");
                }
                i = block.get().end() + 1;
            } else {
                undone.add("the block opened at line " + statements.get(block.get().begin()).line() + " ("
                        + range("statement", block.get().begin(), stopped - 1, statements) + " ran in it) was rolled back "
                        + "with the failure");
                i = stopped;
            }
        }
        if (remain.isEmpty()) {
            return "No earlier statement of it had taken effect" + (undone.isEmpty() ? "." : ": " + String.join("; ", undone) + ".");
        }
        return "It runs outside the engine's transaction (" + prepared.mode().word() + "), so " + String.join(", ", remain)
                + (remain.size() > 1 ? " all took effect and remain" : remain.get(0).startsWith("statements ")
                        ? " took effect and remain" : " took effect and remains")
                + (undone.isEmpty() ? "" : "; " + String.join("; ", undone)) + ". Make the script safe to re-run "
                + "(IF NOT EXISTS) or undo them before retrying.";
    }

    /** "statements 1-2 (lines 1-4)" or "statement 3 (line 6)", counted from 1. */
    private static String range(String noun, int from, int to, List<Statement> statements) {
        int firstLine = statements.get(from).line();
        int lastLine = statements.get(to).line();
        String lines = firstLine == lastLine ? "line " + firstLine : "lines " + firstLine + "-" + lastLine;
        return from == to ? noun + " " + (from + 1) + " (" + lines + ")"
                : noun + "s " + (from + 1) + "-" + (to + 1) + " (" + lines + ")";
    }
}
