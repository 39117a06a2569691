package com.hotgigs.migrate.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The single-pass lexer behind {@link SqlSplitter}. It knows just enough of PostgreSQL's lexical
 * rules to find where each statement ends: literals and comments are skipped whole (with
 * {@code indexOf} where their end is a fixed string), words outside them feed the
 * {@link StatementClassifier}. One instance scans one script.
 */
final class ScriptScanner {
    private final String script;
    private final int length;
    private final LineMap lines;
    private final StatementClassifier classifier = new StatementClassifier();
    private final StringEscapeSetting escapes;
    private final List<Statement> statements = new ArrayList<>();
    private int pos;

    // State of the statement being scanned.
    private int statementStart;
    private SourcePosition statementPosition;
    private int parenDepth;
    private int outerParen;
    private boolean routineDefinition;
    private int beginDepth;
    private int outerBegin;

    ScriptScanner(String script, boolean standardConformingStrings) {
        this.script = script;
        this.escapes = new StringEscapeSetting(standardConformingStrings);
        this.length = script.length();
        this.lines = new LineMap(script);
    }

    List<Statement> scan() {
        while (skipSpaceAndComments()) {
            char c = script.charAt(pos);
            if (c == ';') {
                pos++; // empty statement
            } else if (c == '\\') {
                metaCommandBetweenStatements();
            } else {
                statement();
            }
        }
        return statements;
    }

    /** Skips whitespace and comments between statements; false at the end of the script. */
    private boolean skipSpaceAndComments() {
        while (pos < length) {
            char c = script.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (startsLineComment()) {
                skipLineComment();
            } else if (startsBlockComment()) {
                skipBlockComment();
            } else {
                return true;
            }
        }
        return false;
    }

    private void statement() {
        statementStart = pos;
        statementPosition = lines.positionAt(pos);
        parenDepth = 0;
        routineDefinition = false;
        beginDepth = 0;
        classifier.reset();
        while (pos < length) {
            char c = script.charAt(pos);
            if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                int terminator = pos++;
                finishStatement(terminator);
                return;
            }
            token(c);
        }
        if (parenDepth > 0) {
            throw unclosedParenthesis();
        }
        if (beginDepth > 0) {
            throw unterminatedBeginAtomic();
        }
        finishStatement(length);
    }

    /** Consumes the token starting with {@code c} at {@code pos} inside a statement. */
    private void token(char c) {
        switch (c) {
            case '\'' -> skipString(pos, escapes.backslashEscapes());
            case '"' -> skipQuotedIdentifier();
            case '$' -> skipDollarQuoteOrSign();
            case '-' -> {
                if (startsLineComment()) {
                    skipLineComment();
                } else {
                    pos++;
                }
            }
            case '/' -> {
                if (startsBlockComment()) {
                    skipBlockComment();
                } else {
                    pos++;
                }
            }
            case '(' -> {
                if (parenDepth++ == 0) {
                    outerParen = pos;
                }
                pos++;
            }
            case ')' -> {
                if (parenDepth > 0) {
                    parenDepth--;
                }
                pos++;
            }
            case '\\' -> throw metaCommandInStatement();
            default -> {
                if (isIdentifierStart(c)) {
                    word();
                } else if (isDigit(c)) {
                    skipNumber();
                } else {
                    pos++;
                }
            }
        }
    }

    private void word() {
        int start = pos++;
        skipIdentifierPart();
        if (pos - start == 1 && pos < length && script.charAt(pos) == '\''
                && (script.charAt(start) == 'E' || script.charAt(start) == 'e')) {
            skipString(start, true);
            return;
        }
        if (parenDepth > 1) {
            return;
        }
        classifier.word(script, start, pos, parenDepth);
        if (parenDepth == 0) {
            trackRoutineBody(start);
        }
    }

    /**
     * psql's rule for SQL-standard function bodies (PostgreSQL 14+): in CREATE [OR REPLACE]
     * FUNCTION|PROCEDURE, a semicolon between BEGIN and its END does not end the statement, and a CASE
     * inside such a body has an END of its own. Following psql exactly keeps both splitting alike.
     */
    private void trackRoutineBody(int start) {
        if (classifier.wordCount() <= 4) {
            routineDefinition = classifier.isWord(0, "create")
                    && (isRoutineKeyword(1) || classifier.isWord(1, "or") && classifier.isWord(2, "replace")
                            && isRoutineKeyword(3));
        }
        if (!routineDefinition) {
            return;
        }
        if (wordIs(start, "begin")) {
            if (beginDepth++ == 0) {
                outerBegin = start;
            }
        } else if (wordIs(start, "case")) {
            if (beginDepth > 0) {
                beginDepth++;
            }
        } else if (wordIs(start, "end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private boolean isRoutineKeyword(int index) {
        return classifier.isWord(index, "function") || classifier.isWord(index, "procedure");
    }

    private boolean wordIs(int start, String keyword) {
        return pos - start == keyword.length() && script.regionMatches(true, start, keyword, 0, keyword.length());
    }

    private void finishStatement(int terminator) {
        int end = terminator;
        while (end > statementStart && isSpace(script.charAt(end - 1))) {
            end--;
        }
        StatementKind kind = classifier.classify();
        if (classifier.isWord(0, "set") || classifier.isWord(0, "reset")) {
            escapes.statement(script.substring(statementStart, end));
        }
        String copyData = kind == StatementKind.COPY_FROM_STDIN ? copyData() : null;
        statements.add(new Statement(script, statementStart, end, statementPosition.line(), statementPosition.column(), kind, copyData));
    }

    /**
     * Reads the data lines after a COPY ... FROM stdin up to the line {@code \.}, as psql does; they
     * start on the line after the statement's semicolon.
     */
    private String copyData() {
        skipRestOfCopyLine();
        int dataStart = pos;
        int lineStart = pos;
        while (lineStart < length) {
            int newline = script.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? length : newline;
            if (lineEnd - lineStart == 2 && script.charAt(lineStart) == '\\' && script.charAt(lineStart + 1) == '.') {
                pos = newline < 0 ? length : newline + 1;
                return script.substring(dataStart, lineStart);
            }
            lineStart = lineEnd + 1;
        }
        throw new ScriptSyntaxException("COPY ... FROM stdin at line " + statementPosition.line() + ", column "
                + statementPosition.column() + " has no end-of-data marker: end its data with a line containing only \\.",
                statementPosition.line(), statementPosition.column());
    }

    private void skipRestOfCopyLine() {
        while (pos < length && script.charAt(pos) != '\n') {
            char c = script.charAt(pos);
            if (startsLineComment()) {
                skipLineComment();
                return;
            }
            if (c != ' ' && c != '\t') {
                SourcePosition where = lines.positionAt(pos);
                throw new ScriptSyntaxException("text after COPY ... FROM stdin; at line " + where.line() + ", column "
                        + where.column() + ": the COPY data starts on the next line, so move this text to after"
                        + " the data's closing \\. line", where.line(), where.column());
            }
            pos++;
        }
        pos = Math.min(length, pos + 1);
    }

    private void metaCommandBetweenStatements() {
        int start = pos;
        String command = metaCommandName(start);
        if (command.equals("\\restrict") || command.equals("\\unrestrict")) {
            // pg_dump 17.6+ (and matching minor releases) guards its output with these lines; psql
            // checks them, a migration has nothing to check.
            int newline = script.indexOf('\n', start);
            pos = newline < 0 ? length : newline + 1;
            return;
        }
        SourcePosition where = lines.positionAt(start);
        String hint = command.equals("\\.")
                ? "; a \\. line ends the data of a COPY ... FROM stdin, and no such COPY precedes this one"
                : "";
        throw new ScriptSyntaxException("psql meta-command " + command + " at line " + where.line() + ", column "
                + where.column() + ": psql meta-commands cannot run in a migration, which is sent to the server"
                + " statement by statement; remove the line and write what it does in SQL" + hint,
                where.line(), where.column());
    }

    private ScriptSyntaxException metaCommandInStatement() {
        SourcePosition where = lines.positionAt(pos);
        return new ScriptSyntaxException("psql meta-command " + metaCommandName(pos) + " at line " + where.line()
                + ", column " + where.column() + ", inside the statement starting at line "
                + statementPosition.line() + ": psql meta-commands cannot run in a migration; remove it"
                + " (a backslash outside a string is not SQL)", where.line(), where.column());
    }

    private String metaCommandName(int start) {
        int end = start + 1;
        while (end < length && !isSpace(script.charAt(end)) && end - start < 40) {
            end++;
        }
        return script.substring(start, end);
    }

    private void skipString(int start, boolean backslashEscapes) {
        int quote = script.indexOf('\'', start);
        pos = quote + 1;
        while (true) {
            int next = backslashEscapes ? nextQuoteAfterEscapes(pos) : script.indexOf('\'', pos);
            if (next < 0) {
                throw unterminatedString(start, backslashEscapes);
            }
            if (next + 1 < length && script.charAt(next + 1) == '\'') {
                pos = next + 2;
            } else {
                pos = next + 1;
                return;
            }
        }
    }

    private ScriptSyntaxException unterminatedString(int start, boolean backslashEscapes) {
        if (script.charAt(start) != '\'') {
            return unterminated(start, "E'' string", "'", " (inside E'...' write a quote as \\' or '')");
        }
        if (backslashEscapes) {
            return unterminated(start, "quoted string", "'", " (the script set standard_conforming_strings off,"
                    + " so a backslash escapes the next character: write a backslash as \\\\)");
        }
        return unterminated(start, "quoted string", "'", " (inside a string write a quote as '')");
    }

    private int nextQuoteAfterEscapes(int from) {
        for (int i = from; i < length; i++) {
            char c = script.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                return i;
            }
        }
        return -1;
    }

    private void skipQuotedIdentifier() {
        int start = pos;
        pos++;
        while (true) {
            int next = script.indexOf('"', pos);
            if (next < 0) {
                throw unterminated(start, "quoted identifier", "\"", " (inside it write a double quote as \"\")");
            }
            if (next + 1 < length && script.charAt(next + 1) == '"') {
                pos = next + 2;
            } else {
                pos = next + 1;
                return;
            }
        }
    }

    /** At a '$': a dollar quote ($$ or $tag$) is skipped whole; otherwise ($1, a lone $) one character. */
    private void skipDollarQuoteOrSign() {
        int start = pos;
        int end = start + 1;
        if (end < length && isIdentifierStart(script.charAt(end))) {
            end++;
            while (end < length && isIdentifierPart(script.charAt(end)) && script.charAt(end) != '$') {
                end++;
            }
        }
        if (end >= length || script.charAt(end) != '$') {
            pos++;
            return;
        }
        String tag = script.substring(start, end + 1);
        int close = script.indexOf(tag, end + 1);
        if (close < 0) {
            throw unterminated(start, "dollar-quoted string " + tag, tag, "");
        }
        pos = close + tag.length();
    }

    private boolean startsLineComment() {
        return script.startsWith("--", pos);
    }

    private void skipLineComment() {
        int newline = script.indexOf('\n', pos);
        pos = newline < 0 ? length : newline + 1;
    }

    private boolean startsBlockComment() {
        return script.startsWith("/*", pos);
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < length) {
            if (script.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (script.startsWith("*/", pos)) {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw unterminated(start, "block comment", "*/", " (block comments nest: each /* needs its own */)");
    }

    /**
     * A numeric literal, so that its letters (an exponent) are not taken for a word; as in
     * PostgreSQL's lexer, a {@code $} right after it may open a dollar quote.
     */
    private void skipNumber() {
        while (pos < length && (isDigit(script.charAt(pos)) || script.charAt(pos) == '.' || script.charAt(pos) == '_')) {
            pos++;
        }
        if (pos + 1 < length && (script.charAt(pos) == 'e' || script.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent + 1 < length && (script.charAt(exponent) == '+' || script.charAt(exponent) == '-')) {
                exponent++;
            }
            if (isDigit(script.charAt(exponent))) {
                pos = exponent;
                while (pos < length && isDigit(script.charAt(pos))) {
                    pos++;
                }
            }
        }
    }

    private void skipIdentifierPart() {
        while (pos < length && isIdentifierPart(script.charAt(pos))) {
            pos++;
        }
    }

    private ScriptSyntaxException unterminated(int start, String what, String closing, String hint) {
        SourcePosition where = lines.positionAt(start);
        return new ScriptSyntaxException("unterminated " + what + " starting at line " + where.line() + ", column "
                + where.column() + ": add the closing " + closing + hint, where.line(), where.column());
    }

    private ScriptSyntaxException unclosedParenthesis() {
        SourcePosition where = lines.positionAt(outerParen);
        return new ScriptSyntaxException("unclosed parenthesis at line " + where.line() + ", column " + where.column()
                + " in the statement starting at line " + statementPosition.line()
                + ": add the missing ) (until it is closed, no semicolon ends the statement)",
                where.line(), where.column());
    }

    private ScriptSyntaxException unterminatedBeginAtomic() {
        SourcePosition where = lines.positionAt(outerBegin);
        return new ScriptSyntaxException("BEGIN at line " + where.line() + ", column " + where.column()
                + " of the function or procedure starting at line " + statementPosition.line()
                + " has no matching END: end the BEGIN ATOMIC body with END (each CASE inside it needs its own END)",
                where.line(), where.column());
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
