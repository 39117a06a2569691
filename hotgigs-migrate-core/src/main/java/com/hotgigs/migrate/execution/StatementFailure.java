package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.sql.SecretText;
import com.hotgigs.migrate.sql.SourcePosition;
import com.hotgigs.migrate.sql.Statement;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement of a migration that the server refused, located in the file: at the exact line and
 * column when PostgreSQL reports a position, else at the statement's start.
 */
record StatementFailure(Statement statement, SQLException cause, List<Statement> completed) {

    SourcePosition position() {
        ServerErrorMessage server = serverMessage(cause);
        if (server != null && server.getPosition() > 0) {
            return statement.positionOf(server.getPosition());
        }
        return new SourcePosition(statement.line(), statement.column());
    }

    String sqlState() {
        return cause.getSQLState();
    }

    /** The server's text with the passwords the statement sets masked, even where the message quotes them. */
    String serverText() {
        return SecretText.mask(serverText(cause), statement.sql());
    }

    /** PostgreSQL's own words: severity, message, SQLSTATE, then detail, hint and context; password literals masked. */
    static String serverText(SQLException cause) {
        return SecretText.mask(unmaskedServerText(cause));
    }

    private static String unmaskedServerText(SQLException cause) {
        ServerErrorMessage server = serverMessage(cause);
        if (server == null) {
            return cause.getMessage() + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")");
        }
        List<String> parts = new ArrayList<>();
        parts.add(server.getSeverity() + ": " + server.getMessage() + " (SQLSTATE " + server.getSQLState() + ")");
        addIfPresent(parts, "Detail: ", server.getDetail());
        addIfPresent(parts, "Hint: ", server.getHint());
        addIfPresent(parts, "Where: ", server.getWhere());
        return String.join(System.lineSeparator(), parts);
    }

    private static ServerErrorMessage serverMessage(SQLException cause) {
        return cause instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
    }

    private static void addIfPresent(List<String> parts, String label, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(label + value);
        }
    }
}
