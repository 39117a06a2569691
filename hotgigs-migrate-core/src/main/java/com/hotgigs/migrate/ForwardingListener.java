package com.hotgigs.migrate;

/**
 * Passes every event to another listener; a listener that changes a few events extends it and
 * overrides those, so an event added to {@link MigrationListener} later reaches the delegate
 * instead of being dropped by a default method.
 */
abstract class ForwardingListener implements MigrationListener {

    private final MigrationListener delegate;

    ForwardingListener(MigrationListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void waitingForLock(LockHolder holder) {
        delegate.waitingForLock(holder);
    }

    @Override
    public void lockAcquired(long waitedMs) {
        delegate.lockAcquired(waitedMs);
    }

    @Override
    public void applying(MigrationInfo migration) {
        delegate.applying(migration);
    }

    @Override
    public void applied(MigrationInfo migration) {
        delegate.applied(migration);
    }

    @Override
    public void callbackRunning(String name, String migration) {
        delegate.callbackRunning(name, migration);
    }

    @Override
    public void callbackRan(String name, String migration, long elapsedMs) {
        delegate.callbackRan(name, migration, elapsedMs);
    }

    @Override
    public void serverMessage(String migration, String severity, String message) {
        delegate.serverMessage(migration, severity, message);
    }

    @Override
    public void historyUpgraded(String table, int fromFormat, int toFormat) {
        delegate.historyUpgraded(table, fromFormat, toFormat);
    }

    @Override
    public void waitingOnLock(LockWait wait) {
        delegate.waitingOnLock(wait);
    }

    @Override
    public void retryingAfterLockTimeout(LockRetry retry) {
        delegate.retryingAfterLockTimeout(retry);
    }

    @Override
    public void progress(MigrationProgress progress) {
        delegate.progress(progress);
    }

    @Override
    public void baselined(MigrationInfo migration) {
        delegate.baselined(migration);
    }

    @Override
    public void imported(MigrationInfo migration) {
        delegate.imported(migration);
    }

    @Override
    public void warning(String message) {
        delegate.warning(message);
    }
}
