package com.hotgigs.migrate.schema;

/**
 * One object on which two schemas disagree.
 *
 * @param object   the object, as {@link SchemaObject#displayName()} names it
 * @param expected what the reference (the replayed migrations) has; null when it lacks the object
 * @param found    what the database has; null when it lacks the object
 * @param extra    an object of its own (a table, a function, ...) that the migrations do not create at all: the
 *                 application's own, reported but not a difference unless asked; a column, index, constraint or
 *                 trigger added to one of the migrations' tables is a difference, not extra
 */
public record SchemaDifference(String object, String expected, String found, boolean extra) {

    /** One line for a log or a message. */
    public String describe() {
        if (extra) {
            return object + " is extra: the migrations do not create it (found: " + found + ")";
        }
        if (expected == null) {
            return object + " is not created by the migrations (found: " + found + ")";
        }
        if (found == null) {
            return object + " is missing (expected: " + expected + ")";
        }
        return object + " differs: expected " + expected + ", found " + found;
    }
}
