package com.hotgigs.migrate;

/** Another run held the migration lock for longer than the configured wait. Nothing was written. */
public class LockTimeoutException extends MigrationException {

    public LockTimeoutException(String message) {
        super(ErrorCode.LOCK_TIMEOUT, message);
    }
}
