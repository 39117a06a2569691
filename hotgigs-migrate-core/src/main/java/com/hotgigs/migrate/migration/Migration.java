package com.hotgigs.migrate.migration;

/**
 * One local migration file.
 *
 * @param script   the file name relative to its location, as recorded in history
 * @param location where it was found, e.g. classpath:db/hotgigs, for messages
 */
public record Migration(Version version, String name, String script, String location, ScriptText sql, Checksum checksum) {

    /** How messages name a migration: its file name without {@code .sql}. */
    public String displayName() {
        return version.text() + "_" + name;
    }

    /** Where the file is, for messages: location and script. */
    public String source() {
        return location + "/" + script;
    }
}
