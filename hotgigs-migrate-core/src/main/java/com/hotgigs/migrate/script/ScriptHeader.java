package com.hotgigs.migrate.script;

import java.util.BitSet;

/**
 * The lines before a script's first statement, where its directives go: blank lines, {@code --} lines
 * and block comments ({@code /* ... *&#47;}, nested as PostgreSQL nests them). A {@code --} line inside a
 * block comment is part of that comment, not a directive. Scanning stops at the first statement, so a
 * large script costs only its header.
 *
 * @param statementLine the 1-based line the first statement starts on, or 0 when the script has none
 */
record ScriptHeader(int statementLine, BitSet blockCommentLines) {

    static ScriptHeader of(String text) {
        BitSet inBlock = new BitSet();
        int depth = 0;
        int number = 1;
        for (int start = 0; start <= text.length(); number++) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            int at = start;
            while (true) {
                if (depth > 0) {
                    inBlock.set(number);
                    int[] after = afterBlockText(text, at, end, depth);
                    at = after[0];
                    depth = after[1];
                    if (depth > 0) {
                        break;
                    }
                }
                at = skipWhitespace(text, at, end);
                if (at >= end || text.startsWith("--", at)) {
                    break;
                }
                if (!text.startsWith("/*", at)) {
                    return new ScriptHeader(number, inBlock);
                }
                depth = 1;
                at += 2;
            }
            start = end + 1;
        }
        return new ScriptHeader(0, inBlock);
    }

    /** Whether the line comes before the first statement. */
    boolean holds(int line) {
        return statementLine == 0 || line < statementLine;
    }

    /** Whether the line is (partly) inside a block comment of the header: its {@code --} is no directive. */
    boolean inBlockComment(int line) {
        return blockCommentLines.get(line);
    }

    /** Scans block comment text from {@code at} to the line's end: where it stopped and the nesting left open. */
    private static int[] afterBlockText(String text, int at, int end, int depth) {
        int i = at;
        while (i < end && depth > 0) {
            if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
            } else if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else {
                i++;
            }
        }
        return new int[] {i, depth};
    }

    private static int skipWhitespace(String text, int at, int end) {
        while (at < end && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at;
    }
}
