package com.hotgigs.migrate;

import com.hotgigs.migrate.migration.Placeholders;

/**
 * Passes every event on, with the values of secret placeholders hidden from what the server says
 * while a migration runs: a {@code RAISE NOTICE} may quote a statement's text.
 */
final class SecretHidingListener implements MigrationListener {

    private final MigrationListener delegate;
    private final Placeholders placeholders;

    private SecretHidingListener(MigrationListener delegate, Placeholders placeholders) {
        this.delegate = delegate;
        this.placeholders = placeholders;
    }

    static MigrationListener around(MigrationListener listener, Placeholders placeholders) {
        return placeholders.hasSecrets() ? new SecretHidingListener(listener, placeholders) : listener;
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
    public void serverMessage(String migration, String severity, String message) {
        delegate.serverMessage(migration, severity, placeholders.redact(message));
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
    public void warning(String message) {
        delegate.warning(placeholders.redact(message));
    }
}
