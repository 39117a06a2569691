package com.hotgigs.migrate;

/**
 * The connection to the server was lost while a migration ran or was being committed. The engine
 * reconnected and read the history, and the message says what it found: the migration applied, or
 * rolled back (with the statement that was running), or, when it could not reconnect, how to check.
 */
public class ConnectionLostException extends MigrationFailedException {

    public ConnectionLostException(String script, int line, String sqlState, String message, Throwable cause) {
        super(ErrorCode.CONNECTION_LOST, script, line, sqlState, message, cause);
    }

    private ConnectionLostException(ConnectionLostException failure, String message) {
        super(failure, message);
    }

    @Override
    public ConnectionLostException withMessage(String message) {
        return new ConnectionLostException(this, message);
    }
}
