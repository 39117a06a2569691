package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.sql.SecretText;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/** Passes the NOTICEs and WARNINGs a migration raises on to the listener, so they reach the log. */
final class ServerMessages {

    private final MigrationListener listener;
    private final String migration;

    ServerMessages(MigrationListener listener, String migration) {
        this.listener = listener;
        this.migration = migration;
    }

    void forward(Statement statement) throws SQLException {
        forward(statement.getWarnings());
        statement.clearWarnings();
    }

    void forward(Connection connection) throws SQLException {
        forward(connection.getWarnings());
        connection.clearWarnings();
    }

    private void forward(SQLWarning warning) {
        for (SQLWarning current = warning; current != null; current = current.getNextWarning()) {
            ServerErrorMessage server = current instanceof PSQLWarning psql ? psql.getServerErrorMessage() : null;
            if (server != null) {
                listener.serverMessage(migration, server.getSeverity(), SecretText.mask(server.getMessage()));
            } else {
                listener.serverMessage(migration, "WARNING", SecretText.mask(current.getMessage()));
            }
        }
    }
}
