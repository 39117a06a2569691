package com.hotgigs.migrate.sql;

/** How the engine must run a statement, decided from its leading keywords at the top level of a script. */
public enum StatementKind {
    /** Runs inside the migration's transaction. */
    TRANSACTIONAL,
    /** PostgreSQL refuses it inside a transaction block, e.g. {@code CREATE INDEX CONCURRENTLY}. */
    NON_TRANSACTIONAL,
    /** {@code ALTER TYPE ... ADD VALUE}: refused inside a transaction block before PostgreSQL 12. */
    ALTER_TYPE_ADD_VALUE,
    /** {@code BEGIN}, {@code COMMIT}, {@code ROLLBACK} and the like: the engine owns the transaction. */
    TRANSACTION_CONTROL,
    /** {@code COPY ... FROM stdin} whose data follows the statement in the script. */
    COPY_FROM_STDIN
}
