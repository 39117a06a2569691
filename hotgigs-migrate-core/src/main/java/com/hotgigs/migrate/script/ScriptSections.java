package com.hotgigs.migrate.script;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.sql.SqlSplitter;
import com.hotgigs.migrate.sql.Statement;
import com.hotgigs.migrate.sql.StatementKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a script that is its migration. A goose file ({@code -- +goose Up}, optional
 * {@code -- +goose Down} after it; any case, at the start of the line) and a dbmate file
 * ({@code -- migrate:up}, {@code -- migrate:down}) carry a down part that is never run; in a goose
 * file the lines between {@code -- +goose StatementBegin} and {@code -- +goose StatementEnd} are one
 * statement, semicolons and all. Any other file is all up. The checksum stays the whole file's, so
 * an edit to the down part is still an edit.
 */
public final class ScriptSections {

    /** Which tool's layout a script is written in. */
    public enum Format { PLAIN, GOOSE, DBMATE }

    /**
     * @param statements the up part's statements, each pointing into the script's own text, so lines are the file's
     */
    public record UpPart(Format format, List<Statement> statements) {
        public UpPart {
            statements = List.copyOf(statements);
        }
    }

    private static final Pattern GOOSE = Pattern.compile("^--\\s\\+goose\\s+(.*?)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DBMATE = Pattern.compile("^--\\s*migrate:(up|down)(\\s.*)?$");

    private enum Part { BEFORE_UP, UP, DOWN }

    private ScriptSections() {
    }

    /**
     * Splits the up part into statements.
     *
     * @throws ConfigurationException a section out of order (Down before Up, a second Up), SQL before the Up
     *                                marker, an unclosed StatementBegin, or an annotation this engine cannot honour
     * @throws com.hotgigs.migrate.sql.ScriptSyntaxException the up part cannot be split
     */
    public static UpPart split(String text, String source, boolean standardConformingStrings) {
        Format format = formatOf(text);
        if (format == Format.PLAIN) {
            return new UpPart(format, SqlSplitter.split(text, standardConformingStrings));
        }
        char[] upOnly = text.toCharArray();
        List<Statement> blocks = new ArrayList<>();
        Scan scan = new Scan(text, source, format, upOnly, blocks, standardConformingStrings);
        scan.run();
        List<Statement> statements = new ArrayList<>();
        for (Statement s : SqlSplitter.split(new String(upOnly), standardConformingStrings)) {
            // Masking kept every offset, so the statement points into the file's own text.
            statements.add(new Statement(text, s.start(), s.end(), s.line(), s.column(), s.kind(), s.copyData()));
        }
        statements.addAll(blocks);
        statements.sort(Comparator.comparingInt(Statement::start));
        return new UpPart(format, statements);
    }

    /** Both tools' markers start their line with "--"; only such lines are looked at, without splitting the text. */
    private static Format formatOf(String text) {
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            if (text.startsWith("--", start)) {
                String line = text.substring(start, end);
                if (GOOSE.matcher(line).matches()) {
                    return Format.GOOSE;
                }
                if (DBMATE.matcher(line.stripTrailing()).matches()) {
                    return Format.DBMATE;
                }
            }
            start = end + 1;
        }
        return Format.PLAIN;
    }

    /** One pass over the lines: blanks out all but the up part, and cuts out StatementBegin/End blocks. */
    private static final class Scan {
        private final String text;
        private final String source;
        private final Format format;
        private final char[] upOnly;
        private final List<Statement> blocks;
        private final boolean standardConformingStrings;
        private Part part = Part.BEFORE_UP;
        private int upLine;
        private int blockStart = -1;
        private int blockLine;

        Scan(String text, String source, Format format, char[] upOnly, List<Statement> blocks, boolean standardConformingStrings) {
            this.text = text;
            this.source = source;
            this.format = format;
            this.upOnly = upOnly;
            this.blocks = blocks;
            this.standardConformingStrings = standardConformingStrings;
        }

        void run() {
            int offset = 0;
            int number = 1;
            while (offset <= text.length()) {
                int end = text.indexOf('\n', offset);
                if (end < 0) {
                    end = text.length();
                }
                line(text.substring(offset, end), offset, end, number);
                offset = end + 1;
                number++;
            }
            if (blockStart >= 0) {
                throw error(blockLine, "'-- +goose StatementBegin' is never ended: add '-- +goose StatementEnd' after the "
                        + "statement it starts.");
            }
            if (part == Part.BEFORE_UP) {
                throw error(1, "the file has no " + upMarker() + " line, so it has no migration to run: goose and dbmate "
                        + "run only the statements after it. Add it above the first statement.");
            }
        }

        private void line(String line, int start, int end, int number) {
            String command = command(line);
            if (command != null) {
                blank(start, end);
                annotation(command, line.strip(), start, end, number);
                return;
            }
            if (part == Part.UP && blockStart < 0) {
                return; // kept for the splitter
            }
            if (part == Part.BEFORE_UP) {
                String stripped = line.strip();
                if (!stripped.isEmpty() && !stripped.startsWith("--")) {
                    throw error(number, "there is SQL before the " + upMarker() + " line, which "
                            + (format == Format.GOOSE ? "goose" : "dbmate") + " would not run. Move it below " + upMarker() + ".");
                }
            }
            blank(start, end);
        }

        /** The annotation's command in lower case, or null for a line that is none. */
        private String command(String line) {
            if (format == Format.GOOSE) {
                Matcher goose = GOOSE.matcher(line);
                return goose.matches() ? goose.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) : null;
            }
            Matcher dbmate = DBMATE.matcher(line.stripTrailing());
            return dbmate.matches() ? dbmate.group(1) : null;
        }

        private void annotation(String command, String line, int start, int end, int number) {
            switch (command) {
                case "up" -> {
                    if (part != Part.BEFORE_UP) {
                        throw error(number, "'" + line + "' is a second up section (the first begins at line " + upLine
                                + "); a file holds one. Remove it, or move its statements into the first.");
                    }
                    part = Part.UP;
                    upLine = number;
                }
                case "down" -> {
                    if (part == Part.BEFORE_UP) {
                        throw error(number, "'" + line + "' comes before the " + upMarker() + " line; the down section "
                                + "must come after the up section. Put the up section first.");
                    }
                    if (blockStart >= 0) {
                        throw error(blockLine, "'-- +goose StatementBegin' is not ended before '" + line + "' (line " + number
                                + "). Add '-- +goose StatementEnd'.");
                    }
                    part = Part.DOWN;
                }
                case "statementbegin" -> statementBegin(line, end, number);
                case "statementend" -> statementEnd(line, start, number);
                case "no transaction", "envsub off" -> {
                    // NO TRANSACTION is read by ScriptDirectives; ENVSUB OFF is what this engine does anyway.
                }
                case "envsub on" -> throw error(number, "'" + line + "' asks goose to replace ${VAR} with environment "
                        + "variables, which this engine does not do from the environment. Remove it and use placeholders "
                        + "(hotgigs.placeholders), which replace ${name} before the script runs.");
                default -> throw error(number, "'" + line + "' is not a goose annotation (Up, Down, StatementBegin, "
                        + "StatementEnd, NO TRANSACTION, ENVSUB ON/OFF). Fix its spelling, or remove the '+goose' from the comment.");
            }
        }

        private void statementBegin(String line, int end, int number) {
            if (blockStart >= 0) {
                throw error(number, "'" + line + "' starts a statement inside the one started at line " + blockLine
                        + ". Add '-- +goose StatementEnd' before it.");
            }
            if (part == Part.BEFORE_UP) {
                throw error(number, "'" + line + "' comes before '-- +goose Up'. Move it into the up section.");
            }
            blockStart = Math.min(end + 1, text.length());
            blockLine = number;
        }

        private void statementEnd(String line, int start, int number) {
            if (blockStart < 0) {
                throw error(number, "'" + line + "' ends no statement: no '-- +goose StatementBegin' before it. "
                        + "Add one above the statement, or remove this line.");
            }
            if (part == Part.UP) {
                Statement block = block(blockStart, start, blockLine + 1);
                if (block != null) {
                    blocks.add(block);
                }
            }
            blockStart = -1;
        }

        /** The text between StatementBegin and StatementEnd as one statement, without its final semicolon. */
        private Statement block(int from, int to, int firstLine) {
            int line = firstLine;
            int start = from;
            while (start < to && Character.isWhitespace(text.charAt(start))) {
                if (text.charAt(start) == '\n') {
                    line++;
                }
                start++;
            }
            int end = to;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start && text.charAt(end - 1) == ';') {
                end--;
            }
            if (end <= start) {
                return null;
            }
            int lineStart = text.lastIndexOf('\n', start - 1) + 1;
            return new Statement(text, start, end, line, start - lineStart + 1, kindOf(text.substring(start, end)), null);
        }

        private StatementKind kindOf(String sql) {
            List<Statement> inside = SqlSplitter.split(sql, standardConformingStrings);
            StatementKind kind = inside.isEmpty() ? StatementKind.TRANSACTIONAL : inside.get(0).kind();
            return kind == StatementKind.COPY_FROM_STDIN ? StatementKind.TRANSACTIONAL : kind;
        }

        private void blank(int start, int end) {
            for (int i = start; i < end; i++) {
                upOnly[i] = ' ';
            }
        }

        private String upMarker() {
            return format == Format.GOOSE ? "'-- +goose Up'" : "'-- migrate:up'";
        }

        private ConfigurationException error(int line, String message) {
            return new ConfigurationException(ErrorCode.SCRIPT_SYNTAX, source + " line " + line + ": " + message + " Nothing was run.");
        }
    }
}
