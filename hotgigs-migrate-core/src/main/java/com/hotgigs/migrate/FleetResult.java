package com.hotgigs.migrate;

import java.util.List;

/**
 * What one goal did on every target of a fleet, in the targets' order.
 *
 * @param outcomes   one per target the goal ran on
 * @param notStarted targets left alone because an earlier one failed and failFast was set
 * @param elapsedMs  how long the whole fleet took
 */
public record FleetResult<R>(List<TargetOutcome<R>> outcomes, List<Target> notStarted, long elapsedMs) {

    public FleetResult {
        outcomes = List.copyOf(outcomes);
        notStarted = List.copyOf(notStarted);
    }

    public List<TargetOutcome<R>> failures() {
        return outcomes.stream().filter(TargetOutcome::failed).toList();
    }

    /** Whether every target ran and none failed. */
    public boolean succeeded() {
        return notStarted.isEmpty() && outcomes.stream().noneMatch(TargetOutcome::failed);
    }

    /**
     * @throws MigrationException the one target's own failure, for a fleet of one (so a plain build fails as it
     *                            always did), else a {@link TargetsFailedException} naming each failed target
     */
    public void throwIfFailed() {
        throwIfFailed("Fix them and run again: only what is still pending is applied.");
    }

    /**
     * The same for a goal other than migrate, whose re-run does it all again.
     *
     * @param fix the failure's last sentence, e.g. "Fix them and run status again."
     */
    public void throwIfFailed(String fix) {
        if (succeeded()) {
            return;
        }
        List<TargetOutcome<R>> failures = failures();
        if (outcomes.size() == 1 && notStarted.isEmpty()) {
            throw failures.get(0).failure();
        }
        throw new TargetsFailedException(failures.stream().map(f -> f.target().name() + ": " + f.failure().getMessage()).toList(),
                outcomes.size() + notStarted.size(), notStarted.stream().map(Target::name).toList(), fix);
    }
}
