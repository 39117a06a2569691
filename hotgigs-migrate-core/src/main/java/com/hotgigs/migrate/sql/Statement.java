package com.hotgigs.migrate.sql;

import java.util.Objects;

/**
 * One SQL statement of a script.
 *
 * @param sql      the statement's exact source text, from its first token up to (not including) its
 *                 terminating semicolon, trailing whitespace trimmed
 * @param line     1-based line of the statement's first character in the script
 * @param column   1-based column of the statement's first character in the script
 * @param kind     how the statement must run
 * @param copyData for {@link StatementKind#COPY_FROM_STDIN}, the data lines that follow it, each ending
 *                 in a line feed, without the terminating {@code \.} line; {@code null} otherwise
 */
public record Statement(String sql, int line, int column, StatementKind kind, String copyData) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
        if ((kind == StatementKind.COPY_FROM_STDIN) != (copyData != null)) {
            throw new IllegalArgumentException("copyData is required for COPY_FROM_STDIN and only for it");
        }
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
        int index = 0;
        int skipped = 0;
        while (skipped < target && index < sql.length()) {
            int codePoint = sql.codePointAt(index);
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
