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

    public MigrationFailedException(String script, int line, String sqlState, String message, Throwable cause) {
        this(ErrorCode.MIGRATION_FAILED, script, line, sqlState, message, cause);
    }

    protected MigrationFailedException(ErrorCode code, String script, int line, String sqlState, String message, Throwable cause) {
        super(code, message, cause);
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
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
        return getCause() instanceof SQLException e ? DatabaseFailure.kind(e) : ErrorCode.MIGRATION_FAILED;
    }

    /** PostgreSQL's SQLSTATE, or null when the failure did not come from the server. */
    public String sqlState() {
        return sqlState;
    }
}
