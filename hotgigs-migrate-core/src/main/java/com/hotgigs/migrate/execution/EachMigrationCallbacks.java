package com.hotgigs.migrate.execution;

import java.util.List;

/**
 * The callbacks that run with every migration: before and after its statements in its own
 * transaction (so a failing one rolls the migration back), and after a failed attempt in a
 * transaction of their own.
 */
public record EachMigrationCallbacks(List<PreparedCallback> before, List<PreparedCallback> after,
                                     List<PreparedCallback> afterError) {

    public static final EachMigrationCallbacks NONE = new EachMigrationCallbacks(List.of(), List.of(), List.of());

    public EachMigrationCallbacks {
        before = List.copyOf(before);
        after = List.copyOf(after);
        afterError = List.copyOf(afterError);
    }
}
