package com.hotgigs.migrate.connection;

import java.util.List;

/** Why a server refused to write (SQLSTATE 25006), and the fix for that reason. */
final class ReadOnlyServer {

    private static final String TARGET_PRIMARY = "point hotgigs.url at the primary, or list every server of the "
            + "cluster with targetServerType=primary (jdbc:postgresql://db1,db2/hotgigs_db?targetServerType=primary) "
            + "so the driver picks the primary";

    private ReadOnlyServer() {
    }

    static String fix(DatabaseFailure.Situation situation) {
        List<String> row = ServerProbe.firstRow(situation.probe(), "SELECT pg_catalog.pg_is_in_recovery(), "
                + "pg_catalog.current_setting('default_transaction_read_only'), "
                + "(SELECT source FROM pg_catalog.pg_settings WHERE name = 'default_transaction_read_only'), "
                + "pg_catalog.current_database(), current_user");
        if (row.isEmpty()) {
            return "The server is read-only: it is a standby (a replica in recovery), or default_transaction_read_only "
                    + "is on. For a standby, " + TARGET_PRIMARY + "; otherwise turn the setting off for the migration "
                    + "(ALTER DATABASE ... RESET default_transaction_read_only, or ALTER ROLE ... for the role).";
        }
        if ("t".equals(row.get(0))) {
            return "The server is a standby (pg_is_in_recovery() is true): it only reads. To migrate, "
                    + TARGET_PRIMARY + ".";
        }
        return "The server is a primary, but default_transaction_read_only is " + row.get(1) + " (set in "
                + describeSource(row.get(2)) + "), so every transaction is read-only. Turn it off for the migration: "
                + fixFor(row.get(2), row.get(3), row.get(4)) + ", then run again.";
    }

    private static String describeSource(String source) {
        return switch (source == null ? "" : source) {
            case "database" -> "the database's settings";
            case "user" -> "the role's settings";
            case "database user" -> "the role's settings for this database";
            case "configuration file" -> "postgresql.conf";
            default -> source == null ? "an unknown place" : source;
        };
    }

    private static String fixFor(String source, String database, String role) {
        return switch (source == null ? "" : source) {
            case "database" -> "ALTER DATABASE " + database + " RESET default_transaction_read_only";
            case "user" -> "ALTER ROLE " + role + " RESET default_transaction_read_only";
            case "database user" -> "ALTER ROLE " + role + " IN DATABASE " + database + " RESET default_transaction_read_only";
            case "configuration file" -> "set default_transaction_read_only = off in postgresql.conf and reload";
            default -> "ALTER DATABASE " + database + " RESET default_transaction_read_only (or ALTER ROLE ... for the role)";
        };
    }
}
