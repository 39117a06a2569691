package com.hotgigs.migrate;

/**
 * Hears a fleet's progress: gives each target's run the listener for its own events, and hears
 * when each target is done. Called from the fleet's worker threads, so implementations are thread-safe.
 */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    /**
     * The fleet is about to start on its targets.
     *
     * @param targets the targets this process works on, in order
     */
    default void starting(java.util.List<Target> targets) {
    }

    /** The listener for one target's run; its events come from that run's threads only. */
    default MigrationListener forTarget(Target target) {
        return MigrationListener.NONE;
    }

    /**
     * A target is done, with a result or a failure.
     *
     * @param done  how many targets are done, this one included
     * @param total how many the fleet has
     */
    default void finished(TargetOutcome<?> outcome, int done, int total) {
    }
}
