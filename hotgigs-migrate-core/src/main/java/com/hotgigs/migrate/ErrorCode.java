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
    LOCK_TIMEOUT
}
