package com.hotgigs.migrate;

/**
 * A callback script's SQL failed. Never recorded in the history; when it ran inside a migration's
 * transaction ({@code beforeEachMigrate}, {@code afterEachMigrate}) that migration was rolled back
 * and its failed attempt recorded.
 */
public class CallbackFailedException extends MigrationFailedException {

    public CallbackFailedException(String script, int line, String sqlState, String message, Throwable cause) {
        super(ErrorCode.CALLBACK_FAILED, script, line, sqlState, message, cause);
    }

    private CallbackFailedException(CallbackFailedException failure, String message) {
        super(failure, message);
    }

    @Override
    public CallbackFailedException withMessage(String message) {
        return new CallbackFailedException(this, message);
    }
}
