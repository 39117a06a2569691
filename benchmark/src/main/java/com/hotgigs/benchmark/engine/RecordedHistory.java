package com.hotgigs.benchmark.engine;

import com.hotgigs.migrate.history.HistoryTable;
import com.hotgigs.migrate.migration.Migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes the history a database has after every local migration was applied once, successfully:
 * the rows carry the migrations' real versions, names, scripts and SHA-256 checksums, so comparing
 * them with the local list takes the engine's common path (all applied), not its error path.
 */
final class RecordedHistory {

    private RecordedHistory() {
    }

    /**
     * One INSERT ... SELECT over the lists passed as arrays: 10,000 rows in one round trip, where
     * HistoryTable.record would take one per row.
     */
    static void insert(Connection connection, HistoryTable history, List<Migration> applied) throws SQLException {
        String sql = "INSERT INTO " + history.qualifiedName()
                + " (installed_rank, version, name, script, checksum, installed_by, installed_on, execution_time_ms, success, error) "
                + "SELECT m.rank, m.version, m.name, m.script, m.checksum, session_user, "
                + "timestamptz '2024-01-01 00:00:00+00' + m.rank * interval '1 minute', (m.rank * 37) % 900, true, NULL "
                + "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS m(version, name, script, checksum, rank)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setArray(1, texts(connection, applied.stream().map(m -> m.version().text()).toList()));
            insert.setArray(2, texts(connection, applied.stream().map(Migration::name).toList()));
            insert.setArray(3, texts(connection, applied.stream().map(Migration::script).toList()));
            insert.setArray(4, texts(connection, applied.stream().map(m -> m.checksum().hex()).toList()));
            insert.executeUpdate();
        }
        // A long-lived table is vacuumed and has statistics; a freshly filled one would be read differently.
        try (Statement maintenance = connection.createStatement()) {
            maintenance.execute("VACUUM ANALYZE " + history.qualifiedName());
        }
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
