package com.hotgigs.migrate.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * JDBC statements that send a script's SQL as written. The driver's escape processing is off: a
 * script is PostgreSQL's SQL, as psql sends it, so a {@code {fn ...}} in it is not the driver's to
 * rewrite; and the scan for escapes read every statement of every migration once more.
 */
final class AsWritten {

    private AsWritten() {
    }

    static Statement statement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setEscapeProcessing(false);
        return statement;
    }
}
