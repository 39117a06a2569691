package com.hotgigs.migrate;

/** Stable identifiers of what went wrong, for callers that react to a failure by kind. */
public enum ErrorCode {
    INVALID_CONFIGURATION,
    INVALID_MIGRATION_FILE,
    DUPLICATE_VERSION,
    SCRIPT_SYNTAX,
    MIXED_TRANSACTIONAL_SCRIPT,
    /** A script's directive is unknown in the {@code hotgigs:} namespace, malformed, misplaced, or disagrees with another. */
    SCRIPT_DIRECTIVE,
    /** A script's own transaction control cannot run: a COMMIT with no BEGIN, a BEGIN never closed, a final ROLLBACK. */
    TRANSACTION_CONTROL,
    SERVER_UNREACHABLE,
    AUTHENTICATION_FAILED,
    DATABASE_MISSING,
    /** Connecting failed for a reason no kind below names; the server's or driver's text says why. */
    CONNECTION_FAILED,
    /** The URL asks for SSL (sslmode=require or verify-*) and the server does not offer it. */
    SSL_NOT_SUPPORTED,
    /** Setting up SSL failed: a certificate, a host name, a protocol. */
    SSL_FAILED,
    /** The server has no free connection slot. */
    TOO_MANY_CONNECTIONS,
    /** The role lacks a privilege, or is not the owner of an object (SQLSTATE 42501). */
    PERMISSION_DENIED,
    /** The server only reads: a standby, or default_transaction_read_only (SQLSTATE 25006). */
    READ_ONLY_SERVER,
    /** The server ended the session: shutting down, restarting, recovering, or pg_terminate_backend (57P01-57P03). */
    SERVER_SHUTTING_DOWN,
    /** A statement ran longer than statement_timeout (57014). */
    STATEMENT_TIMEOUT,
    /** A statement was cancelled by a user or pg_cancel_backend (57014). */
    STATEMENT_CANCELED,
    /** A statement waited longer than lock_timeout for a table or row lock, or asked for NOWAIT (55P03). */
    LOCK_NOT_AVAILABLE,
    /** The server refused a statement for a reason no kind above names (a syntax error, a constraint); its message says why. */
    DATABASE_ERROR,
    FOREIGN_HISTORY_TABLE,
    NEWER_HISTORY_FORMAT,
    VALIDATION_FAILED,
    MIGRATION_FAILED,
    /** Another run held the migration lock for longer than the configured wait. */
    LOCK_TIMEOUT,
    UNKNOWN_PLACEHOLDER,
    /** A callback script (afterMigrate.sql, ...) failed; see {@link CallbackFailedException}. */
    CALLBACK_FAILED,
    /**
     * An open connection was lost (08xxx, an I/O error); during a migration, the message says what the
     * history shows happened.
     */
    CONNECTION_LOST,
    /** The run no longer held the migration lock when it came to commit; nothing more was committed. */
    LOCK_LOST,
    /** The URL leads through a transaction-pooling connection pooler, which cannot keep the migration lock. */
    TRANSACTION_POOLER,
    /** The history table records a version as applied more than once and has no unique index to prevent it. */
    HISTORY_TABLE_DUPLICATES,
    /** migrate found a schema with objects but no history table: the database is to be baselined first. */
    SCHEMA_NOT_EMPTY,
    /** baseline found a history table that already has rows: the database is managed already. */
    HISTORY_NOT_EMPTY,
    /** baseline found no object in the database: there is nothing to adopt, migrate is what is wanted. */
    SCHEMA_EMPTY,
    /** The baseline version matches no local migration. */
    BASELINE_VERSION_UNKNOWN,
    /** The database's schema differs from the one its migrations build (verified baseline). */
    SCHEMA_DIFFERS,
    /** The port asked of an embedded PostgreSQL is held by another program, which answers there instead. */
    PORT_IN_USE,
    /** The throwaway server the migrations are replayed into for a schema comparison could not start or replay. */
    REFERENCE_FAILED,
    /** drift or repair on a database with no history: nothing says which migrations it should have. */
    NO_HISTORY,
    /** repair found the history matching the files already: no applied migration edited, none removed. */
    NOTHING_TO_REPAIR,
    /** Flyway's history cannot be imported as it is (an edited file, a row newer than any local file, ...). */
    FLYWAY_IMPORT_REFUSED,
    /** A lint rule id, in the configuration or a {@code -- hotgigs:lint-ignore} directive, that does not exist. */
    UNKNOWN_LINT_RULE,
    /** Lint found hazards in pending migrations and hotgigs.failOnLint is on; nothing ran. */
    LINT_FAILED,
    /** The offline check found problems in the migrations or their manifest. */
    CHECK_FAILED,
    /** The targets query failed on the configured database. */
    TARGETS_QUERY_FAILED,
    /** A fleet has no target: the targets query returned no row. */
    NO_TARGETS,
    /** A fleet names the same target twice. */
    DUPLICATE_TARGET,
    /** A goal failed on one or more targets of a fleet; each is named with its own failure. */
    TARGETS_FAILED
}
