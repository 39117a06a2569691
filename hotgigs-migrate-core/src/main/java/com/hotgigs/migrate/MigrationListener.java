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

    /** A NOTICE, WARNING or other message the server sent while a migration ran. */
    default void serverMessage(String migration, String severity, String message) { }

    /** The history table was brought from an older format to the current one, in one transaction. */
    default void historyUpgraded(String table, int fromFormat, int toFormat) { }

    /** Something worth telling that does not stop the run. */
    default void warning(String message) { }
}
