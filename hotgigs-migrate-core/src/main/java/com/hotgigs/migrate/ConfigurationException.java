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
}
