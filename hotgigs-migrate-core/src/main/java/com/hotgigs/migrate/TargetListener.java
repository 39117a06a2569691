package com.hotgigs.migrate;

/**
 * What a fleet puts between a target's run and the caller's listener: it counts the migrations the
 * run applied (a failed run's result does not say), and on a first, non-waiting try of the lock it
 * keeps quiet about the lock, since a busy one is not waited for but left for later.
 */
final class TargetListener extends ForwardingListener {

    private final boolean tellsLockWaits;
    private int applied;

    TargetListener(MigrationListener delegate, boolean tellsLockWaits) {
        super(delegate);
        this.tellsLockWaits = tellsLockWaits;
    }

    /** How many migrations the run applied so far. */
    synchronized int applied() {
        return applied;
    }

    @Override
    public void waitingForLock(LockHolder holder) {
        if (tellsLockWaits) {
            super.waitingForLock(holder);
        }
    }

    @Override
    public void lockAcquired(long waitedMs) {
        if (tellsLockWaits) {
            super.lockAcquired(waitedMs);
        }
    }

    @Override
    public void applied(MigrationInfo migration) {
        synchronized (this) {
            applied++;
        }
        super.applied(migration);
    }
}
