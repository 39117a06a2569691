package com.hotgigs.migrate;

import java.util.List;

/**
 * Every known migration, local or recorded, in version order.
 *
 * @param currentVersion the highest successfully applied version, or null when none is
 */
public record StatusReport(String database, String schema, String currentVersion, List<MigrationInfo> migrations) {

    public StatusReport {
        migrations = List.copyOf(migrations);
    }

    public long count(MigrationState state) {
        return migrations.stream().filter(migration -> migration.state() == state).count();
    }
}
