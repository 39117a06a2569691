package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigratorConfigTest {

    private static final String URL = "jdbc:postgresql://localhost:5432/hotgigs_db";

    @Test
    void defaultsFollowTheDesign() {
        MigratorConfig config = MigratorConfig.builder().url(URL).build();
        assertEquals("public", config.schema());
        assertEquals("schema_migrations", config.table());
        assertEquals(List.of("classpath:db/hotgigs"), config.locations());
        assertEquals(Duration.ofSeconds(600), config.lockWait());
    }

    @Test
    void invalidValuesNameTheSettingTheValueAndWhatIsAccepted() {
        assertMessage(MigratorConfig.builder().url("jdbc:mysql://x/y"), "Setting 'url' (hotgigs.url) has the invalid value 'jdbc:mysql://x/y'");
        assertMessage(MigratorConfig.builder().url(URL).table("bad-name"), "Setting 'table' (hotgigs.table) has the invalid value 'bad-name'");
        assertMessage(MigratorConfig.builder().url(URL).locations(List.of("db/migration")), "classpath: or filesystem:");
        assertMessage(MigratorConfig.builder().url(URL).target("v2"), "Setting 'target' (hotgigs.target) has the invalid value 'v2'");
        assertMessage(MigratorConfig.builder().url(URL).transactionMode("off"), "Setting 'transactionMode' (hotgigs.transactionMode) has the invalid "
                + "value 'off': expected per-migration (one transaction with the history row, the default) or none");
        assertMessage(MigratorConfig.builder().url(URL).transactionMode(TransactionMode.AS_WRITTEN), "Setting 'transactionMode' (hotgigs.transactionMode) "
                + "has the invalid value 'as-written': expected per-migration or none");
        assertMessage(MigratorConfig.builder().url(URL).lockWait(Duration.ofSeconds(-1)), "lockWaitSeconds");
        assertMessage(MigratorConfig.builder(), "Setting 'url' (hotgigs.url) is missing");
    }

    @Test
    void placeholdersAreCheckedAndSecretValuesNeverShown() {
        assertMessage(MigratorConfig.builder().url(URL).placeholders(Map.of("bad name", "x")),
                "Setting 'placeholders' (hotgigs.placeholders) has the invalid value 'bad name'");
        assertMessage(MigratorConfig.builder().url(URL).placeholders(Map.of("hotgigs:schema", "x")), "the hotgigs: names are built in");
        assertMessage(MigratorConfig.builder().url(URL).placeholders(Map.of("role", "a\nb")),
                "Setting 'placeholders.role' (hotgigs.placeholders.role) has the invalid value 'a\\nb': expected a value on one line");
        MigratorConfig config = MigratorConfig.builder().url(URL)
                .placeholders(Map.of("app_role", "reader", "db_password", "hunter2-value")).build();
        assertTrue(config.toString().contains("app_role=reader"), config.toString());
        assertTrue(config.toString().contains("db_password=****"), config.toString());
        assertFalse(config.toString().contains("hunter2-value"), config.toString());
        assertThrows(UnsupportedOperationException.class, () -> config.placeholders().put("x", "y"));
    }

    @Test
    void systemSchemasAreRefusedAsTheHistorysSchema() {
        for (String schema : List.of("pg_catalog", "information_schema", "pg_toast", "pg_temp", "pg_temp_3", "pg_toast_temp_1", "PG_CATALOG")) {
            assertMessage(MigratorConfig.builder().url(URL).schema(schema),
                    "Setting 'schema' (hotgigs.schema) has the value '" + schema + "', a PostgreSQL system schema");
        }
        assertEquals("pgx", MigratorConfig.builder().url(URL).schema("pgx").build().schema());
    }

    @Test
    void aTooLongIdentifierIsCalledTooLong() {
        String longName = "t".repeat(73);
        assertMessage(MigratorConfig.builder().url(URL).table(longName),
                "Setting 'table' (hotgigs.table) has the value '" + longName + "', which is too long: 73 bytes, and PostgreSQL keeps at most 63");
        assertMessage(MigratorConfig.builder().url(URL).schema("s".repeat(64)), "which is too long: 64 bytes");
        assertEquals("s".repeat(63), MigratorConfig.builder().url(URL).schema("s".repeat(63)).build().schema());
    }

    @Test
    void neverShowsThePassword() {
        MigratorConfig config = MigratorConfig.builder().url(URL + "?password=inurl").password("s3cret").build();
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("inurl"), config.toString());
        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> MigratorConfig.builder().url("jdbc:other://h/d?password=inurl").build());
        assertFalse(failure.getMessage().contains("inurl"), failure.getMessage());
    }

    private static void assertMessage(MigratorConfig.Builder builder, String expected) {
        ConfigurationException failure = assertThrows(ConfigurationException.class, builder::build);
        assertEquals(ErrorCode.INVALID_CONFIGURATION, failure.code());
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        MigratorConfig config = MigratorConfig.builder().url(URL).user("deploy").password("secret").schema("ats").table("history")
                .locations(List.of("filesystem:db")).baseDirectory(java.nio.file.Path.of("/tmp")).target("7").outOfOrder(true)
                .lockWait(Duration.ofSeconds(3)).flushEachMigration(true).lockTimeout(Duration.ofSeconds(2)).lockRetries(1)
                .lockRetryPause(Duration.ofMillis(5)).statementTimeout(Duration.ofSeconds(9)).watchInterval(Duration.ofSeconds(1))
                .progressInterval(Duration.ofSeconds(2)).networkTimeout(Duration.ofSeconds(4)).placeholders(Map.of("a", "b"))
                .placeholderReplacement(false).baseline(BaselineSettings.DEFAULTS.withVersion("3").withVerify(false))
                .transactionMode(TransactionMode.values()[TransactionMode.values().length - 1]).build();

        assertEquals(config, config.toBuilder().build());
    }
}
