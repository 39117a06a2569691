package com.hotgigs.migrate.lint;

/**
 * One token of a statement, as the lint rules read it.
 *
 * @param kind  what it is
 * @param text  a word lower-cased, a quoted identifier or string without its quotes, a symbol as written
 * @param depth how many parentheses enclose it
 */
record Token(Kind kind, String text, int depth) {

    enum Kind {
        /** A keyword or unquoted identifier, lower-cased as PostgreSQL folds it. */
        WORD,
        /** A double-quoted identifier, case kept. */
        QUOTED_IDENTIFIER,
        /** A single-quoted or E'' string's content. */
        STRING,
        /** A dollar-quoted body (a function's, a DO block's): never a value the statement itself uses. */
        BODY,
        NUMBER,
        /** Any other character: parentheses, commas, operators. */
        SYMBOL
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** A name, quoted or not. */
    boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }
}
