package com.hotgigs.migrate.sql;

/**
 * A script that cannot be split into statements. The message says what is wrong, where, and how
 * to fix it; {@link #line()} and {@link #column()} locate the construct that caused it.
 */
public final class ScriptSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public ScriptSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
