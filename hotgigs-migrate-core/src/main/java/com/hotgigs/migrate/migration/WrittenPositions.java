package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.sql.LineMap;
import com.hotgigs.migrate.sql.SourcePosition;

import java.util.Arrays;

/**
 * Where a script's placeholders stood, so that a position in the text as sent (where the server and the
 * splitter point) is told as a line and column of the file as written: a value longer or shorter than its
 * {@code ${name}} moves every column after it on its line, and a value with line breaks every line after it.
 * A position inside a value is told as its placeholder's {@code $}.
 */
public final class WrittenPositions {

    private final String written;
    private final String sent;
    private final int[] sentStarts;
    private final int[] sentEnds;
    private final int[] writtenStarts;
    private final int[] writtenEnds;

    /** @param edits per replaced placeholder: its start and end in the sent text, then in the written text */
    WrittenPositions(String written, String sent, int[][] edits) {
        this.written = written;
        this.sent = sent;
        this.sentStarts = Arrays.stream(edits).mapToInt(edit -> edit[0]).toArray();
        this.sentEnds = Arrays.stream(edits).mapToInt(edit -> edit[1]).toArray();
        this.writtenStarts = Arrays.stream(edits).mapToInt(edit -> edit[2]).toArray();
        this.writtenEnds = Arrays.stream(edits).mapToInt(edit -> edit[3]).toArray();
    }

    /** The position in the file as written of one in the text as sent. */
    public SourcePosition of(SourcePosition inSent) {
        return new LineMap(written).positionAt(writtenOffset(offsetOf(sent, inSent)));
    }

    private int writtenOffset(int sentOffset) {
        int found = Arrays.binarySearch(sentStarts, sentOffset);
        int edit = found >= 0 ? found : -found - 2; // the last placeholder starting at or before the offset
        if (edit < 0) {
            return sentOffset;
        }
        if (sentOffset < sentEnds[edit]) {
            return writtenStarts[edit];
        }
        return sentOffset - sentEnds[edit] + writtenEnds[edit];
    }

    private static int offsetOf(String text, SourcePosition position) {
        int offset = 0;
        for (int line = 1; line < position.line(); line++) {
            int newline = text.indexOf('\n', offset);
            if (newline < 0) {
                return text.length();
            }
            offset = newline + 1;
        }
        int lineEnd = text.indexOf('\n', offset);
        int limit = lineEnd < 0 ? text.length() : lineEnd;
        // At most to the line's end: just after its last character is where the server points for "at end of input".
        for (int column = 1; column < position.column() && offset < limit; column++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return offset;
    }
}
