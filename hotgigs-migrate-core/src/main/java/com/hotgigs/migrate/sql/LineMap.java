package com.hotgigs.migrate.sql;

/**
 * Turns offsets into a script into 1-based lines and columns (columns in code points). Queries
 * usually come in increasing order, so it resumes from the last answer and a whole script costs one
 * pass; an earlier offset restarts from the beginning.
 */
public final class LineMap {
    private final String text;
    private int scannedTo;
    private int line = 1;
    private int lineStart;
    private int columnAt; // offset whose column is known on the current line
    private int column = 1;

    public LineMap(String text) {
        this.text = text;
    }

    public SourcePosition positionAt(int offset) {
        if (offset < columnAt) {
            scannedTo = 0;
            line = 1;
            lineStart = 0;
            columnAt = 0;
            column = 1;
        }
        for (int newline = text.indexOf('\n', scannedTo); newline >= 0 && newline < offset;
                newline = text.indexOf('\n', newline + 1)) {
            line++;
            lineStart = newline + 1;
            columnAt = lineStart;
            column = 1;
        }
        scannedTo = offset;
        column += text.codePointCount(columnAt, offset);
        columnAt = offset;
        return new SourcePosition(line, column);
    }

    int lineAt(int offset) {
        return positionAt(offset).line();
    }
}
