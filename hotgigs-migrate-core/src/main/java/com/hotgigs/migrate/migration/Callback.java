package com.hotgigs.migrate.migration;

/**
 * A callback script found in a location: SQL run around a migrate, validate or status, never
 * recorded in the history and never checksummed into it.
 *
 * @param description the part after {@code __} in {@code afterMigrate__grants.sql}; empty when none
 * @param script      the file name relative to its location
 */
public record Callback(CallbackEvent event, String description, String script, String location, ScriptText sql) {

    /** Its file name without {@code .sql}, as the log names it. */
    public String displayName() {
        return event.fileName() + (description.isEmpty() ? "" : "__" + description);
    }

    public String source() {
        return location + "/" + script;
    }

    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }
}
