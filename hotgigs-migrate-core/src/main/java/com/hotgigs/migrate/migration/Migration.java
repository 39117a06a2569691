package com.hotgigs.migrate.migration;

/**
 * One local migration file: a versioned one ({@code <version>_<name>.sql}), applied once, or a
 * repeatable one ({@code R__<name>.sql}), which has no version and is applied again whenever its
 * checksum changes.
 *
 * @param version  null for a repeatable
 * @param script   the file name relative to its location, as recorded in history
 * @param location where it was found, e.g. classpath:db/hotgigs, for messages
 * @param checksum for a versioned migration, of the text as written; for a repeatable, of the text
 *                 after placeholder replacement once {@link Placeholders#applyTo} has replaced them,
 *                 so a changed value applies it again
 */
public record Migration(Version version, String name, String script, String location, ScriptText sql, Checksum checksum) {

    /** The prefix of a repeatable's file name, as Flyway names them. */
    public static final String REPEATABLE_PREFIX = "R__";

    public static Migration repeatable(String name, String script, String location, ScriptText sql, Checksum checksum) {
        return new Migration(null, name, script, location, sql, checksum);
    }

    public boolean repeatable() {
        return version == null;
    }

    /** How messages name a migration: its file name without {@code .sql}. */
    public String displayName() {
        return repeatable() ? REPEATABLE_PREFIX + name : version.text() + "_" + name;
    }

    /** Where the file is, for messages: location and script. */
    public String source() {
        return location + "/" + script;
    }
}
