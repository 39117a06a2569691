package com.hotgigs.migrate;

/**
 * The run found, when it came to commit a migration, that its session no longer held the migration
 * lock. That migration was rolled back and the run stopped, so nothing is applied twice.
 */
public class LockLostException extends MigrationFailedException {

    public LockLostException(String script, int line, String message, Throwable cause) {
        super(ErrorCode.LOCK_LOST, script, line, null, message, cause);
    }

    private LockLostException(LockLostException failure, String message) {
        super(failure, message);
    }

    @Override
    public LockLostException withMessage(String message) {
        return new LockLostException(this, message);
    }
}
