package com.hotgigs.migrate.sql;

import java.util.List;
import java.util.Objects;

/**
 * Splits a PostgreSQL migration script into statements the way psql does, so a script that runs
 * with {@code psql -f} runs here statement for statement: quotes, {@code E''} strings, dollar quoting,
 * nested comments, parentheses, {@code BEGIN ATOMIC} bodies and {@code COPY ... FROM stdin} data are
 * understood; psql meta-commands are refused, except the {@code \restrict} lines pg_dump writes.
 */
public final class SqlSplitter {

    private SqlSplitter() {
    }

    /**
     * Splits a script, already decoded from UTF-8 with its byte order mark dropped and its line ends
     * turned into LF.
     *
     * @return the statements in script order; empty for a script of only whitespace and comments
     * @throws ScriptSyntaxException if the script cannot be split, naming the line, column and fix
     */
    public static List<Statement> split(String script) {
        return split(script, true);
    }

    /**
     * Splits a script for a server whose {@code standard_conforming_strings} is as given (on since
     * PostgreSQL 9.1, but a database or role may turn it off): while off, a backslash escapes a quote
     * in a '...' string, as psql reads it.
     */
    public static List<Statement> split(String script, boolean standardConformingStrings) {
        Objects.requireNonNull(script, "script");
        return List.copyOf(new ScriptScanner(script, standardConformingStrings).scan());
    }
}
