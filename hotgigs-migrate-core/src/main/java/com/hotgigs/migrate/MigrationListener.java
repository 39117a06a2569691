package com.hotgigs.migrate;

/**
 * Progress of a run, told as it happens, for callers that log. Every method has a do-nothing
 * default so a caller implements only what it shows.
 */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() { };

    /** The lock is held by another run; told when waiting starts and when the holder changes. */
    default void waitingForLock(LockHolder holder) { }

    default void lockAcquired(long waitedMs) { }

    default void applying(MigrationInfo migration) { }

    default void applied(MigrationInfo migration) { }

    /**
     * A callback script is about to run: {@code name} is its file name without {@code .sql}
     * ({@code afterMigrate__grants}); {@code migration} names the migration whose transaction it runs in,
     * or is null for a callback of the whole run.
     */
    default void callbackRunning(String name, String migration) { }

    default void callbackRan(String name, String migration, long elapsedMs) { }

    /** A NOTICE, WARNING or other message the server sent while a migration ran. */
    default void serverMessage(String migration, String severity, String message) { }

    /** The history table was brought from an older format to the current one, in one transaction. */
    default void historyUpgraded(String table, int fromFormat, int toFormat) { }

    /** A migration's statement waits for a lock another session holds; told at every check while it waits. */
    default void waitingOnLock(LockWait wait) { }

    /** A transactional migration hit the lock timeout, was rolled back, and will run again after a pause. */
    default void retryingAfterLockTimeout(LockRetry retry) { }

    /** A long migration is still running: how many of its statements are done. */
    default void progress(MigrationProgress progress) { }

    /** A migration was recorded as applied by a baseline, without running it. */
    default void baselined(MigrationInfo migration) { }

    /** A migration another tool applied was recorded from its history, its file checked against that tool's checksum. */
    default void imported(MigrationInfo migration) { }

    /** Something worth telling that does not stop the run. */
    default void warning(String message) { }
}
