package com.hotgigs.migrate.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The lint rules: each names a statement that locks or rewrites a table in use, or breaks the
 * application that runs while it migrates, with why that matters and the safe way. Message texts
 * and ids are public: builds exempt statements by id ({@code -- hotgigs:lint-ignore <id>}).
 */
public enum LintRule {
    ADD_INDEX_NON_CONCURRENTLY("add-index-non-concurrently",
            "CREATE INDEX without CONCURRENTLY holds a SHARE lock on the table while the index is built: every INSERT, UPDATE "
                    + "and DELETE on it waits, for as long as the build takes on a large table",
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS, in a migration of its own (it cannot run in a transaction)"),
    DROP_INDEX_NON_CONCURRENTLY("drop-index-non-concurrently",
            "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table: every query on it waits, "
                    + "and waits behind any long query that is reading it",
            "DROP INDEX CONCURRENTLY IF EXISTS, in a migration of its own"),
    CONSTRAINT_WITHOUT_NOT_VALID("constraint-without-not-valid",
            "adding a FOREIGN KEY or CHECK constraint scans the whole table to validate it while holding a lock that blocks "
                    + "writes (for a foreign key, on both tables); validating in the same transaction keeps that lock for the scan",
            "ADD CONSTRAINT ... NOT VALID in one migration, then ALTER TABLE ... VALIDATE CONSTRAINT in a later one: "
                    + "validation takes only a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes go on"),
    SET_NOT_NULL("set-not-null",
            "ALTER COLUMN ... SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, blocking every query on it",
            "first ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID and VALIDATE it in an earlier migration; from PostgreSQL 12, "
                    + "SET NOT NULL then uses the validated check and skips the scan (drop the check afterwards)"),
    COLUMN_TYPE_REWRITE("column-type-rewrite",
            "ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, unless the "
                    + "old type converts without it (varchar(n) to a longer varchar or text)",
            "add a column of the new type, fill it in batches, switch the application to it, then drop the old one"),
    VOLATILE_DEFAULT("volatile-default",
            "adding a column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), nextval, serial, "
                    + "identity, a stored generated column) rewrites the whole table under an ACCESS EXCLUSIVE lock",
            "add the column without a default (or with a constant one), set the default with ALTER COLUMN ... SET DEFAULT, "
                    + "and fill existing rows in batches"),
    ADD_CONSTRAINT_WITHOUT_INDEX("add-constraint-without-index",
            "ADD PRIMARY KEY or ADD UNIQUE builds its index while holding an ACCESS EXCLUSIVE lock on the table",
            "CREATE UNIQUE INDEX CONCURRENTLY in one migration, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX (or UNIQUE "
                    + "USING INDEX) in a later one, which only takes a brief lock"),
    RENAME_OR_DROP("rename-or-drop",
            "renaming or dropping a column or table breaks the application version that is still running while the migration "
                    + "runs (and any rolled-back deploy): its queries fail with 'does not exist'",
            "expand and contract: stop the application using the old name first (or add the new name beside it), deploy, "
                    + "and drop or rename in a later migration"),
    TABLE_REWRITE_OR_LOCK("table-rewrite-or-lock",
            "VACUUM FULL, CLUSTER, LOCK TABLE, REINDEX without CONCURRENTLY and TRUNCATE take an ACCESS EXCLUSIVE lock "
                    + "(VACUUM FULL and CLUSTER rewrite the whole table under it): every query on the table waits",
            "REINDEX ... CONCURRENTLY; pg_repack for VACUUM FULL and CLUSTER; DELETE in batches instead of TRUNCATE; "
                    + "no explicit LOCK TABLE in a migration"),
    ENUM_VALUE_USED_SAME_TRANSACTION("enum-value-used-same-transaction",
            "a value added by ALTER TYPE ... ADD VALUE cannot be used before its transaction commits (PostgreSQL 12 and "
                    + "later refuse it with 'unsafe use of new value'; older servers refuse ADD VALUE in a transaction at all)",
            "add the value in one migration and use it in a later one"),
    CONCURRENT_INDEX_WITHOUT_IF_NOT_EXISTS("concurrent-index-without-if-not-exists",
            "a CREATE INDEX CONCURRENTLY that fails (a duplicate, a cancel, a lost connection) leaves an INVALID index "
                    + "behind; running the migration again then fails with 'already exists' for a named index, and for an "
                    + "unnamed one builds another index beside the INVALID one",
            "name the index and write CREATE INDEX CONCURRENTLY IF NOT EXISTS <name> ON ... (IF NOT EXISTS needs a name); "
                    + "after a failure, DROP INDEX CONCURRENTLY the INVALID index the failure message names before running "
                    + "migrate again"),
    UNBOUNDED_DATA_CHANGE("unbounded-data-change",
            "UPDATE or DELETE without WHERE changes every row of the table in one transaction: it locks every row, "
                    + "blocking the application's writes to them, and bloats the table",
            "change the rows in batches (WHERE id BETWEEN ...) outside the schema migration, or add a WHERE that bounds it"),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout",
            "hotgigs.lockTimeout is off and the script sets no lock_timeout: a statement that waits for a lock behind a "
                    + "long query makes every later query on that table queue behind it, for as long as it waits",
            "set hotgigs.lockTimeout (e.g. 5s, the default), or SET lock_timeout = '5s' at the start of the script");

    private final String id;
    private final String why;
    private final String safeWay;

    LintRule(String id, String why, String safeWay) {
        this.id = id;
        this.why = why;
        this.safeWay = safeWay;
    }

    /** The id builds name the rule by, e.g. {@code add-index-non-concurrently}. */
    public String id() {
        return id;
    }

    /** Why the statement is a hazard in production. */
    public String why() {
        return why;
    }

    /** What to write instead. */
    public String safeWay() {
        return safeWay;
    }

    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }

    /** Every id, comma separated, for messages that name an unknown one. */
    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(LintRule::id).toList());
    }
}
