package com.hotgigs.migrate.lint;

import java.util.ArrayList;
import java.util.List;

/** A statement's tokens, or one clause of them, with the look-ups the rules share. */
final class Words {

    private final List<Token> tokens;

    Words(List<Token> tokens) {
        this.tokens = tokens;
    }

    int size() {
        return tokens.size();
    }

    Token get(int index) {
        return tokens.get(index);
    }

    boolean is(int index, String word) {
        return index < tokens.size() && tokens.get(index).isWord(word);
    }

    /** Whether the words starting at {@code index} are {@code words}, in order. */
    boolean are(int index, String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!is(index + i, words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The index of {@code word} outside parentheses, from {@code from}, or -1. */
    int indexOf(String word, int from) {
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.depth() == 0 && token.isWord(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code word} appears outside parentheses, from {@code from}. */
    boolean has(String word, int from) {
        return indexOf(word, from) >= 0;
    }

    /** Whether the words appear in a row outside parentheses. */
    boolean hasSequence(String... words) {
        for (int i = 0; i + words.length <= tokens.size(); i++) {
            if (tokens.get(i).depth() == 0 && are(i, words)) {
                return true;
            }
        }
        return false;
    }

    /** Skips the optional words at {@code index} if they are there, in order. */
    int skip(int index, String... words) {
        return are(index, words) ? index + words.length : index;
    }

    /**
     * The (possibly schema-qualified) name starting at {@code index}, its last part as PostgreSQL
     * would store it; null when no name is there.
     */
    Name nameAt(int index) {
        int i = index;
        if (i >= tokens.size() || !tokens.get(i).isName()) {
            return null;
        }
        String qualifier = null;
        String last = tokens.get(i).text();
        i++;
        while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".") && tokens.get(i + 1).isName()) {
            qualifier = last;
            last = tokens.get(i + 1).text();
            i += 2;
        }
        return new Name(qualifier, last, i);
    }

    /**
     * A name and the index just after it.
     *
     * @param schema the part before the last one (a schema; of {@code db.schema.table}, the schema), null when
     *               the name has one part
     */
    record Name(String schema, String name, int next) {
    }

    /** The tokens from {@code from} split at the commas outside parentheses, e.g. ALTER TABLE's actions. */
    List<Words> clauses(int from) {
        List<Words> clauses = new ArrayList<>();
        int start = from;
        for (int i = from; i <= tokens.size(); i++) {
            if (i == tokens.size() || tokens.get(i).depth() == 0 && tokens.get(i).isSymbol(",")) {
                if (i > start) {
                    clauses.add(new Words(tokens.subList(start, i)));
                }
                start = i + 1;
            }
        }
        return clauses;
    }

    /** The tokens from {@code index} on. */
    Words from(int index) {
        return new Words(tokens.subList(Math.min(index, tokens.size()), tokens.size()));
    }

    /**
     * What the parenthesis at {@code open} encloses, up to its match, as words of their own: depth is
     * counted from inside it, so a subquery's clauses read as a statement's.
     */
    Words inside(int open) {
        int outer = tokens.get(open).depth();
        List<Token> inner = new ArrayList<>();
        for (int i = open + 1; i < tokens.size() && tokens.get(i).depth() > outer; i++) {
            Token token = tokens.get(i);
            inner.add(new Token(token.kind(), token.text(), token.depth() - outer - 1));
        }
        return new Words(inner);
    }

    /** Whether any token from {@code from} on, at any depth, is the word. */
    boolean mentions(String word, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return true;
            }
        }
        return false;
    }

    List<Token> tokens() {
        return tokens;
    }
}
