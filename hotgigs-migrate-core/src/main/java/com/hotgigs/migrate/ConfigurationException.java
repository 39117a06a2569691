package com.hotgigs.migrate;

/**
 * The engine cannot start work as configured: a bad setting, a migration file it cannot accept, or
 * a database it cannot reach. Nothing was written.
 */
public class ConfigurationException extends MigrationException {

    public ConfigurationException(ErrorCode code, String message) {
        super(code, message);
    }

    public ConfigurationException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /**
     * How a message names a setting: by the engine's name and by the property a build sets it with,
     * {@code Setting 'lockRetries' (hotgigs.lockRetries)}, so the user finds what to change either way.
     */
    public static String setting(String name) {
        return "Setting '" + name + "' (hotgigs." + name + ")";
    }
}
