package com.hotgigs.migrate;

import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Version;

import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the status report each migration's transaction mode, read from its local script the way
 * migrate reads it (a repeatable's with its placeholders replaced, found by name). A script migrate would refuse gets none: status reports, migrate explains.
 */
final class ScriptModes {

    private ScriptModes() {
    }

    static List<MigrationInfo> of(List<MigrationInfo> migrations, List<Migration> local, Connection connection,
                                  TransactionMode configured) throws SQLException {
        int serverMajor = connection.getMetaData().getDatabaseMajorVersion();
        boolean standardStrings = connection.unwrap(BaseConnection.class).getStandardConformingStrings();
        Map<Version, Migration> byVersion = new HashMap<>();
        Map<String, Migration> repeatableByName = new HashMap<>();
        local.forEach(m -> {
            if (m.repeatable()) {
                repeatableByName.putIfAbsent(m.name(), m);
            } else {
                byVersion.putIfAbsent(m.version(), m);
            }
        });
        return migrations.stream().map(info -> {
            Migration file = info.repeatable() ? repeatableByName.get(info.name()) : byVersion.get(Version.parse(info.version()));
            if (file == null || info.transactionMode() != null) {
                return info;
            }
            try {
                return info.withTransactionMode(PreparedMigration.read(file, serverMajor, standardStrings, configured).mode());
            } catch (MigrationException e) {
                return info;
            }
        }).toList();
    }
}
