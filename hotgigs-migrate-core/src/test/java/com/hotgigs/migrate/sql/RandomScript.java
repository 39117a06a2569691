package com.hotgigs.migrate.sql;

import java.util.Random;

/**
 * Builds a random but valid script from a seed: statements dense with the constructs the splitter
 * must see through (strings of every kind, dollar quotes, nested comments, parentheses, BEGIN ATOMIC
 * bodies, DO blocks), each packed with semicolons, quotes and dollars, and odd layout.
 */
final class RandomScript {
    private static final String TEXT = "ab ;;'\"$-/*\\()\n\tx";
    private static final String COMMENT_TEXT = "ab ;;'\"$-\\()\tx";

    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int functions;

    private RandomScript(long seed) {
        this.random = new Random(seed);
    }

    static String generate(long seed, int statements) {
        RandomScript script = new RandomScript(seed);
        for (int i = 0; i < statements; i++) {
            script.statement();
        }
        return script.out.toString();
    }

    private void statement() {
        gap();
        switch (random.nextInt(10)) {
            case 0 -> out.append(";"); // empty statement
            case 1 -> doBlock();
            case 2 -> atomicFunction();
            default -> select();
        }
        if (random.nextInt(4) == 0) {
            out.append('\n');
        }
        out.append(";");
        if (random.nextBoolean()) {
            out.append('\n');
        }
    }

    private void select() {
        out.append("SELECT ");
        int columns = 1 + random.nextInt(4);
        for (int i = 0; i < columns; i++) {
            if (i > 0) {
                out.append(',');
                gap();
            }
            expression(2);
            if (random.nextInt(3) == 0) {
                out.append(" AS ");
                quotedIdentifier();
            }
            gap();
        }
    }

    private void expression(int depth) {
        switch (random.nextInt(depth > 0 ? 9 : 6)) {
            case 0 -> plainString();
            case 1 -> escapeString();
            case 2 -> dollarString();
            case 3 -> out.append(random.nextInt(1000));
            case 4 -> out.append(random.nextInt(100)).append("e").append(random.nextInt(3));
            case 5 -> out.append("$$").append(text(COMMENT_TEXT.replace("$", ""), 6)).append("$$");
            case 6 -> {
                out.append('(');
                gap();
                expression(depth - 1);
                gap();
                out.append(')');
            }
            case 7 -> {
                out.append("CASE WHEN ");
                expression(depth - 1);
                out.append(" IS NULL THEN 'null;' ELSE 'end;' END");
            }
            default -> {
                out.append("length(");
                plainString();
                out.append(")");
            }
        }
    }

    private void plainString() {
        out.append('\'').append(text(TEXT, 12).replace("'", "''")).append('\'');
    }

    private void escapeString() {
        out.append(random.nextBoolean() ? "E'" : "e'");
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            String[] pieces = {"\\\\", "\\'", "\\n", "''", ";", "a", "$", "--", "/*", "\""};
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        out.append('\'');
    }

    private void dollarString() {
        String tag = random.nextBoolean() ? "$q$" : "$tag_" + random.nextInt(10) + "$";
        out.append(tag).append(text(TEXT.replace("$", ""), 10));
        if (random.nextBoolean()) {
            out.append("$$ ;nested; $$").append(text(TEXT.replace("$", ""), 4));
        }
        out.append(tag);
    }

    private void quotedIdentifier() {
        out.append('"').append(text("ab;' $-x", 6).replace("\"", "\"\"")).append("\"\"\"");
    }

    private void doBlock() {
        String tag = random.nextBoolean() ? "$$" : "$do$";
        out.append("DO ").append(tag).append("\nBEGIN\n  PERFORM ");
        plainString();
        out.append(";\n  PERFORM $x$;$x$; -- it's\nEND\n").append(tag);
    }

    private void atomicFunction() {
        out.append("CREATE OR REPLACE FUNCTION generated_").append(functions++).append("() RETURNS int\nLANGUAGE sql\nBEGIN ATOMIC\n");
        out.append("  SELECT CASE WHEN true THEN ");
        plainString();
        out.append(" ELSE ");
        escapeString();
        out.append(" END;\n  SELECT 1;\nEND");
    }

    /** Whitespace and comments between tokens. */
    private void gap() {
        switch (random.nextInt(8)) {
            case 0 -> out.append("\n  ");
            case 1 -> out.append(" -- ").append(text(COMMENT_TEXT.replace("\n", ""), 10)).append('\n');
            case 2 -> blockComment(2);
            default -> out.append(' ');
        }
    }

    private void blockComment(int depth) {
        out.append("/* ").append(text(COMMENT_TEXT, 6));
        if (depth > 0 && random.nextBoolean()) {
            blockComment(depth - 1);
        }
        out.append(text(COMMENT_TEXT, 4)).append(" */");
    }

    private String text(String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
