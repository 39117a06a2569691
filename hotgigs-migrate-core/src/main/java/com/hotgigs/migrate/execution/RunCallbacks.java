package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.migration.CallbackEvent;
import com.hotgigs.migrate.migration.LocalScripts;
import com.hotgigs.migrate.migration.Placeholders;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The callbacks of one goal, each prepared (placeholders replaced, split, checked) before the
 * first one runs, so a bad callback stops the goal before anything is written.
 */
public final class RunCallbacks {

    /** The events of a migrate; the each-migration ones run inside the migrations' transactions. */
    public static final Set<CallbackEvent> MIGRATE = Set.of(CallbackEvent.BEFORE_MIGRATE, CallbackEvent.BEFORE_EACH_MIGRATE,
            CallbackEvent.AFTER_EACH_MIGRATE, CallbackEvent.AFTER_EACH_MIGRATE_ERROR, CallbackEvent.AFTER_MIGRATE,
            CallbackEvent.AFTER_MIGRATE_ERROR);
    public static final Set<CallbackEvent> VALIDATE = Set.of(CallbackEvent.BEFORE_VALIDATE, CallbackEvent.AFTER_VALIDATE);
    public static final Set<CallbackEvent> STATUS = Set.of(CallbackEvent.BEFORE_STATUS, CallbackEvent.AFTER_STATUS);

    private final Map<CallbackEvent, List<PreparedCallback>> prepared;

    private RunCallbacks(Map<CallbackEvent, List<PreparedCallback>> prepared) {
        this.prepared = prepared;
    }

    /** Whether the locations hold a callback of any of these events: a migrate with one runs even when nothing is pending. */
    public static boolean any(LocalScripts scripts, Set<CallbackEvent> events) {
        return scripts.callbacks().stream().anyMatch(callback -> events.contains(callback.event()));
    }

    /** @throws com.hotgigs.migrate.ConfigurationException naming a callback that cannot be split or run as it is */
    public static RunCallbacks prepare(LocalScripts scripts, Set<CallbackEvent> events, Placeholders placeholders,
                                       int serverMajorVersion, boolean standardConformingStrings) {
        Map<CallbackEvent, List<PreparedCallback>> prepared = new EnumMap<>(CallbackEvent.class);
        for (CallbackEvent event : events) {
            prepared.put(event, scripts.callbacks(event).stream()
                    .map(callback -> PreparedCallback.prepare(callback, placeholders, serverMajorVersion, standardConformingStrings))
                    .toList());
        }
        return new RunCallbacks(prepared);
    }

    public EachMigrationCallbacks each() {
        return new EachMigrationCallbacks(of(CallbackEvent.BEFORE_EACH_MIGRATE), of(CallbackEvent.AFTER_EACH_MIGRATE),
                of(CallbackEvent.AFTER_EACH_MIGRATE_ERROR));
    }

    /**
     * Runs the event's callbacks, each in a transaction of its own.
     *
     * @param consequence what a failure means for the goal, for its message
     */
    public void run(CallbackEvent event, Connection connection, MigrationListener listener, String consequence) throws SQLException {
        List<PreparedCallback> callbacks = of(event);
        if (!callbacks.isEmpty()) {
            new CallbackRunner(connection, listener).run(callbacks, consequence);
        }
    }

    /**
     * Runs an error event's callbacks after the goal failed; one that fails too is told as a warning,
     * and the goal's own failure stays what it reports.
     */
    public RuntimeException runAfterFailure(CallbackEvent event, Connection connection, MigrationListener listener,
                                            RuntimeException failure) {
        if (of(event).isEmpty()) {
            return failure;
        }
        try {
            run(event, connection, listener, "It ran because the goal had failed.");
            return failure;
        } catch (MigrationFailedException | SQLException e) {
            listener.warning("The " + event.fileName() + " callback failed too: " + e.getMessage());
            return failure;
        }
    }

    /** The event's callbacks, prepared, in the order they run: what the plan shows. */
    public List<PreparedCallback> of(CallbackEvent event) {
        return prepared.getOrDefault(event, List.of());
    }

    /** Whether any callback of these events is prepared: a migrate with one takes the lock even when nothing is pending. */
    public boolean any(Set<CallbackEvent> events) {
        return events.stream().anyMatch(event -> !of(event).isEmpty());
    }
}
