package com.hotgigs.migrate.sql;

/** A 1-based line and column in a migration script; columns count characters (code points). */
public record SourcePosition(int line, int column) {
}
