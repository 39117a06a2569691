package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.DatabaseFailure;

import java.sql.SQLException;

/**
 * A migration's SQL failed while running. Its transaction was rolled back (or, for a
 * non-transactional script, the message says which statements took effect) and a failed attempt
 * was recorded.
 */
public class MigrationFailedException extends MigrationException {

    private final String script;
    private final int line;
    private final String sqlState;
    private final ErrorCode kind;

    public MigrationFailedException(String script, int line, String sqlState, String message, Throwable cause) {
        this(ErrorCode.MIGRATION_FAILED, script, line, sqlState, message, cause);
    }

    protected MigrationFailedException(ErrorCode code, String script, int line, String sqlState, String message, Throwable cause) {
        super(code, message, cause);
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
        this.kind = cause instanceof SQLException e ? DatabaseFailure.kind(e) : ErrorCode.MIGRATION_FAILED;
    }

    /** The same failure, told with another message and without the cause. */
    protected MigrationFailedException(MigrationFailedException failure, String message) {
        super(failure.code(), message, null);
        this.script = failure.script;
        this.line = failure.line;
        this.sqlState = failure.sqlState;
        this.kind = failure.kind;
    }

    /**
     * The same failure, of the same kind and class, with its message replaced; for a message that had
     * to be redacted, so the cause, which carries the original text, is left off.
     */
    public MigrationFailedException withMessage(String message) {
        return new MigrationFailedException(this, message);
    }

    public String script() {
        return script;
    }

    public int line() {
        return line;
    }

    /**
     * What kind of database failure stopped the migration: {@link ErrorCode#CONNECTION_LOST},
     * {@link ErrorCode#PERMISSION_DENIED}, ... or {@link ErrorCode#DATABASE_ERROR} for an error only the
     * server's message explains (a syntax error, a constraint); {@link ErrorCode#MIGRATION_FAILED} when
     * the failure did not come from the database.
     */
    public ErrorCode kind() {
        return kind;
    }

    /** PostgreSQL's SQLSTATE, or null when the failure did not come from the server. */
    public String sqlState() {
        return sqlState;
    }
}
