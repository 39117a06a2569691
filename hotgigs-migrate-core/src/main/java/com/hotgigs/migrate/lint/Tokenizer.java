package com.hotgigs.migrate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one statement (as the splitter found it, so its quotes and comments are well formed) into
 * the tokens the rules read: words, names, strings and symbols with their parenthesis depth;
 * comments are dropped. It need not know where statements end, only what a word is.
 */
final class Tokenizer {

    private final String sql;
    private final boolean standardStrings;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int depth;

    private Tokenizer(String sql, boolean standardStrings) {
        this.sql = sql;
        this.standardStrings = standardStrings;
    }

    static List<Token> tokens(String sql, boolean standardStrings) {
        Tokenizer tokenizer = new Tokenizer(sql, standardStrings);
        tokenizer.scan();
        return tokenizer.tokens;
    }

    private void scan() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (sql.startsWith("--", pos)) {
                int end = sql.indexOf('\n', pos);
                pos = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", pos)) {
                blockComment();
            } else if (c == '\'') {
                string(pos + 1, !standardStrings);
            } else if ((c == 'e' || c == 'E') && next(1) == '\'') {
                string(pos + 2, true);
            } else if (c == '"') {
                quotedIdentifier();
            } else if (c == '$' && dollarTag() != null) {
                body(dollarTag());
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else if (Character.isDigit(c)) {
                number();
            } else {
                symbol(c);
            }
        }
    }

    private char next(int offset) {
        return pos + offset < sql.length() ? sql.charAt(pos + offset) : '\0';
    }

    private void blockComment() {
        int nesting = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                nesting++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                pos += 2;
                if (--nesting == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    private void string(int from, boolean backslashEscapes) {
        StringBuilder value = new StringBuilder();
        int i = from;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\' && i + 1 < sql.length()) {
                value.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                } else {
                    i++;
                    break;
                }
            } else {
                value.append(c);
                i++;
            }
        }
        pos = i;
        add(Token.Kind.STRING, value.toString());
    }

    private void quotedIdentifier() {
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '"') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '"') {
                    value.append('"');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.append(c);
            i++;
        }
        pos = i;
        add(Token.Kind.QUOTED_IDENTIFIER, value.toString());
    }

    /** The {@code $tag$} starting here, or null when the dollar sign is something else (a parameter, {@code $1}). */
    private String dollarTag() {
        int i = pos + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '$' && (i == pos + 1 || !Character.isDigit(sql.charAt(pos + 1)))) {
            return sql.substring(pos, i + 1);
        }
        return null;
    }

    private void body(String tag) {
        int end = sql.indexOf(tag, pos + tag.length());
        int stop = end < 0 ? sql.length() : end;
        add(Token.Kind.BODY, sql.substring(pos + tag.length(), stop));
        pos = end < 0 ? sql.length() : end + tag.length();
    }

    private void word() {
        int start = pos;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '$')) {
            pos++;
        }
        add(Token.Kind.WORD, sql.substring(start, pos).toLowerCase(Locale.ROOT));
    }

    private void number() {
        int start = pos;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        add(Token.Kind.NUMBER, sql.substring(start, pos));
    }

    private void symbol(char c) {
        pos++;
        if (c == ')') {
            depth = Math.max(0, depth - 1);
        }
        add(Token.Kind.SYMBOL, String.valueOf(c));
        if (c == '(') {
            depth++;
        }
    }

    private void add(Token.Kind kind, String text) {
        tokens.add(new Token(kind, text, depth));
    }
}
