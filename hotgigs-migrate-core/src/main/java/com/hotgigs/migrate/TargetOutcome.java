package com.hotgigs.migrate;

/**
 * What one goal did on one target of a fleet: its result, or the failure that stopped it.
 *
 * @param result      the goal's result; null when it failed
 * @param failure     why the goal failed on this target; null when it did not
 * @param statusAfter the target's status read back afterwards (what is applied, pending, failed now): for a failed
 *                    migrate, baseline or repair, for every baseline and repair, and for drift, plan and lint on
 *                    several targets; null when it could not be read, or the goal did not read it
 * @param appliedNow  how many migrations the goal applied on this target, those before a failure included
 * @param elapsedMs   how long the goal took on this target
 */
public record TargetOutcome<R>(Target target, R result, MigrationException failure, StatusReport statusAfter,
                               int appliedNow, long elapsedMs) {

    public TargetOutcome {
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome has either a result or a failure");
        }
    }

    public boolean failed() {
        return failure != null;
    }
}
