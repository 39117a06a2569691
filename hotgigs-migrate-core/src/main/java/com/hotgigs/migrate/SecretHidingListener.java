package com.hotgigs.migrate;

import com.hotgigs.migrate.migration.Placeholders;

/**
 * Passes every event on, with the values of secret placeholders hidden from what the server says
 * while a migration runs: a {@code RAISE NOTICE} may quote a statement's text.
 */
final class SecretHidingListener extends ForwardingListener {

    private final Placeholders placeholders;

    private SecretHidingListener(MigrationListener delegate, Placeholders placeholders) {
        super(delegate);
        this.placeholders = placeholders;
    }

    static MigrationListener around(MigrationListener listener, Placeholders placeholders) {
        return placeholders.hasSecrets() ? new SecretHidingListener(listener, placeholders) : listener;
    }

    @Override
    public void serverMessage(String migration, String severity, String message) {
        super.serverMessage(migration, severity, placeholders.redact(message));
    }

    @Override
    public void warning(String message) {
        super.warning(placeholders.redact(message));
    }
}
