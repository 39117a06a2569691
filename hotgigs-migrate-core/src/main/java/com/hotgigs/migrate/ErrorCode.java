package com.hotgigs.migrate;

/** Stable identifiers of what went wrong, for callers that react to a failure by kind. */
public enum ErrorCode {
    INVALID_CONFIGURATION,
    INVALID_MIGRATION_FILE,
    DUPLICATE_VERSION,
    SCRIPT_SYNTAX,
    MIXED_TRANSACTIONAL_SCRIPT,
    SERVER_UNREACHABLE,
    AUTHENTICATION_FAILED,
    DATABASE_MISSING,
    CONNECTION_FAILED,
    FOREIGN_HISTORY_TABLE,
    NEWER_HISTORY_FORMAT,
    VALIDATION_FAILED,
    MIGRATION_FAILED,
    LOCK_TIMEOUT,
    UNKNOWN_PLACEHOLDER,
    /** The connection to the server was lost during a run; the message says what the history shows happened. */
    CONNECTION_LOST,
    /** The run no longer held the migration lock when it came to commit; nothing more was committed. */
    LOCK_LOST,
    /** The URL leads through a transaction-pooling connection pooler, which cannot keep the migration lock. */
    TRANSACTION_POOLER,
    /** The history table records a version as applied more than once and has no unique index to prevent it. */
    HISTORY_TABLE_DUPLICATES
}
