package com.hotgigs.migrate;

import java.sql.Connection;
import java.sql.SQLException;

/** History rows that must be written together or not at all: one transaction, rolled back on any failure. */
final class OneTransaction {

    interface Work<T> {
        T run() throws SQLException;
    }

    private OneTransaction() {
    }

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
