package com.hotgigs.migrate.sql;

import java.util.Objects;

/**
 * One SQL statement of a script, kept as its place in the script's text rather than as a copy of
 * it: a script of half a million statements is then held once, not twice.
 *
 * @param script   the whole script the statement is part of
 * @param start    offset in {@code script} of the statement's first token
 * @param end      offset in {@code script} just after its last character: before its terminating
 *                 semicolon, trailing whitespace trimmed
 * @param line     1-based line of the statement's first character in the script
 * @param column   1-based column of the statement's first character in the script
 * @param kind     how the statement must run
 * @param copyData for {@link StatementKind#COPY_FROM_STDIN}, the data lines that follow it, each ending
 *                 in a line feed, without the terminating {@code \.} line; {@code null} otherwise
 */
public record Statement(String script, int start, int end, int line, int column, StatementKind kind, String copyData) {

    public Statement {
        Objects.requireNonNull(script, "script");
        if (start < 0 || end < start || end > script.length()) {
            throw new IllegalArgumentException("statement bounds " + start + ".." + end + " outside a script of " + script.length());
        }
        Objects.requireNonNull(kind, "kind");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
        if ((kind == StatementKind.COPY_FROM_STDIN) != (copyData != null)) {
            throw new IllegalArgumentException("copyData is required for COPY_FROM_STDIN and only for it");
        }
    }

    /** A statement that is all of {@code sql}, for callers that have one statement's text rather than a script. */
    public Statement(String sql, int line, int column, StatementKind kind, String copyData) {
        this(sql, 0, sql.length(), line, column, kind, copyData);
    }

    /** The statement's exact source text, from its first token up to (not including) its terminating semicolon. */
    public String sql() {
        return script.substring(start, end);
    }

    /** Its text, not the whole script's. */
    @Override
    public String toString() {
        return "Statement[line=" + line + ", column=" + column + ", kind=" + kind + ", sql=" + sql() + "]";
    }

    /**
     * Maps a position reported by PostgreSQL (the 1-based character position of an error within
     * {@link #sql()}, as in the {@code P} field of an error response) to the script's line and column.
     * A position before the statement maps to its first character, one past its end to just after
     * its last character (where PostgreSQL points for "syntax error at end of input").
     */
    public SourcePosition positionOf(int serverPosition) {
        int target = Math.max(1, serverPosition) - 1; // code points to skip
        int lineOffset = 0;
        int columnInLine = 0;
        int skipped = 0;
        int index = start;
        while (skipped < target && index < end) {
            int codePoint = script.codePointAt(index);
            index += Character.charCount(codePoint);
            skipped++;
            if (codePoint == '\n') {
                lineOffset++;
                columnInLine = 0;
            } else {
                columnInLine++;
            }
        }
        if (lineOffset == 0) {
            return new SourcePosition(line, column + columnInLine);
        }
        return new SourcePosition(line + lineOffset, columnInLine + 1);
    }

    /**
     * Whether PostgreSQL refuses this statement inside a transaction block on a server of the given
     * major version, so that it must run in autocommit.
     */
    public boolean requiresAutocommit(int serverMajorVersion) {
        return switch (kind) {
            case NON_TRANSACTIONAL -> true;
            case ALTER_TYPE_ADD_VALUE -> serverMajorVersion < 12;
            default -> false;
        };
    }
}
