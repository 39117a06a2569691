package com.hotgigs.migrate;

/**
 * Every failure the engine reports. The message is complete and meant for the user: what
 * happened, where, and how to fix it.
 */
public class MigrationException extends RuntimeException {

    private final ErrorCode code;

    public MigrationException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public MigrationException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
