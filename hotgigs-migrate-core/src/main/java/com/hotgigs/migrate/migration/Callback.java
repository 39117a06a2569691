package com.hotgigs.migrate.migration;

/**
 * A callback script found in a location: SQL run around a migrate, validate or status, never
 * recorded in the history and never checksummed into it.
 *
 * @param description the part after {@code __} in {@code afterMigrate__grants.sql}; empty when none
 * @param script      the file name relative to its location
 * @param sharesName  whether a callback of the same name is in another location, so the log tells them apart
 */
public record Callback(CallbackEvent event, String description, String script, String location, ScriptText sql,
                       boolean sharesName) {

    public Callback(CallbackEvent event, String description, String script, String location, ScriptText sql) {
        this(event, description, script, location, sql, false);
    }

    /** The same callback, told apart from one of its name in another location. */
    Callback sharingName() {
        return new Callback(event, description, script, location, sql, true);
    }

    /** As the log tells it runs: its name, with its location when another location has one of that name. */
    public String loggedName() {
        return displayName() + (sharesName ? " from " + location : "");
    }

    /** Its file name without {@code .sql}, as the log names it: Flyway's beforeInfo is named as written, too. */
    public String displayName() {
        String file = fileName();
        int extension = file.toLowerCase(java.util.Locale.ROOT).endsWith(".sql") ? file.length() - ".sql".length() : file.length();
        return file.substring(0, extension);
    }

    public String source() {
        return location + "/" + script;
    }

    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }
}
