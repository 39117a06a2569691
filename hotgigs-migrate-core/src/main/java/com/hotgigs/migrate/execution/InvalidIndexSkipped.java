package com.hotgigs.migrate.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A CREATE INDEX CONCURRENTLY IF NOT EXISTS that succeeded without building anything: an earlier failed
 * build had left an INVALID index of that name, and IF NOT EXISTS took it for the index. Recorded as
 * applied, the migration would leave an index the planner never uses for good, and validate would not
 * see it; so the statement fails instead, the way a statement the server refused fails.
 */
final class InvalidIndexSkipped extends SQLException {

    private InvalidIndexSkipped(String index) {
        // No SQLSTATE: the server reported success, the failure is the engine's.
        super("Index " + index + " exists but is INVALID (left by an earlier failed CREATE INDEX CONCURRENTLY): IF NOT EXISTS "
                + "skipped it, so this statement built nothing. Drop it with DROP INDEX CONCURRENTLY IF EXISTS " + index
                + "; then run migrate again (the script needs no change), which builds it anew.");
    }

    /**
     * Throws when {@code sql}, which has just succeeded, is a CREATE INDEX CONCURRENTLY that names its
     * index and that index is INVALID. Asked after every such statement, not only after one that drew the
     * "already exists, skipping" NOTICE: a script's (or a role's) client_min_messages can keep that NOTICE
     * from the client, and one query on the catalog costs nothing beside a build that scans the table twice
     * (for a build that did run, it finds the valid index). An unnamed one cannot have IF NOT EXISTS, so it
     * is not looked up. Asked before anything resets the session: the table resolves through the script's
     * search_path.
     */
    static void check(Connection connection, String sql) throws SQLException {
        Optional<ConcurrentIndexHint.Target> target = ConcurrentIndexHint.Target.of(sql);
        if (target.isEmpty() || target.get().index() == null) {
            return;
        }
        List<ConcurrentIndexHint.Found> found = ConcurrentIndexHint.lookUp(connection, target.get());
        if (!found.isEmpty() && !found.get(0).valid()) {
            throw new InvalidIndexSkipped(found.get(0).name());
        }
    }
}
