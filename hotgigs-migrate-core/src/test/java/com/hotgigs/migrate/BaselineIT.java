package com.hotgigs.migrate;

import com.hotgigs.migrate.report.ProgressLog;
import com.hotgigs.migrate.report.RecordingLog;
import com.hotgigs.migrate.schema.EmbeddedReference;
import com.hotgigs.migrate.testing.BinariesJar;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.hotgigs.migrate.Queries.rows;
import static com.hotgigs.migrate.Queries.tableExists;
import static com.hotgigs.migrate.Queries.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adopting a database built without the plugin: the HotGigs schema applied script by script, as the
 * database guide's manual path does, then refused by migrate, baselined after a comparison with the
 * migrations replayed into an embedded PostgreSQL, and migrated on from there.
 */
class BaselineIT {

    private static final Path HOTGIGS = Path.of("../hotgigs-schema/src/main/resources/db/hotgigs");
    private static final String OFFERS = "CREATE TABLE offers (id bigint PRIMARY KEY, application_id bigint NOT NULL);\n";

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;

    @BeforeEach
    void createDatabase() throws IOException {
        migrations = new MigrationDirectory(directory);
        for (String file : List.of("001_initial_schema.sql", "002_comprehensive_ats_system.sql")) {
            migrations.write(file, Files.readString(HOTGIGS.resolve(file), StandardCharsets.UTF_8));
        }
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** Each script as one simple-protocol batch, without the engine: the way psql -f builds a schema. */
    private void applyByHand(String... files) throws IOException, SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String file : files) {
                statement.execute(Files.readString(directory.resolve(file), StandardCharsets.UTF_8));
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private MigratorConfig.Builder verified() {
        return migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withReference(new EmbeddedReference(BinariesJar::of)));
    }

    @Test
    void migrateRefusesASchemaWithoutHistoryAndVerifiedBaselineAdoptsIt() throws Exception {
        applyByHand("001_initial_schema.sql", "002_comprehensive_ats_system.sql");

        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> new Migrator(verified().build()).migrate());
        assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, refused.code());
        assertTrue(refused.getMessage().startsWith("Schema public of database " + database.name() + " has objects (")
                && refused.getMessage().contains("but no history table "
                + "public.schema_migrations") && refused.getMessage().contains("mvn hotgigs:baseline"), refused.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));

        RecordingLog log = new RecordingLog();
        BaselineResult result = new Migrator(verified().build(), new ProgressLog(log)).baseline();

        assertTrue(result.verified());
        assertEquals("002", result.version());
        assertTrue(result.compared() > 100, "objects compared: " + result.compared());
        assertEquals(List.of(), result.extras());
        assertTrue(log.lines().contains("[INFO] Baselined 001_initial_schema (recorded as applied, not run)"), log.lines().toString());
        assertEquals(List.of("1|001|BASELINE|t|0", "2|002|BASELINE|t|0"), rows(database,
                "SELECT installed_rank, version, kind, success, execution_time_ms FROM schema_migrations ORDER BY installed_rank"));

        migrations.write("003_offers.sql", OFFERS);
        MigrateResult migrated = new Migrator(verified().build()).migrate();
        assertEquals(List.of("003"), migrated.applied().stream().map(MigrationInfo::version).toList());
        assertEquals(List.of("001 BASELINE", "002 BASELINE", "003 APPLIED"), new Migrator(verified().build()).status().migrations()
                .stream().map(m -> m.version() + " " + m.state()).toList());
        assertTrue(new Migrator(verified().build()).validate(true).valid());
    }

    @Test
    void anotherToolsSchemaMigrationsIsRefusedNamingTheColumnsAndABaselineUnderAnotherNameAdoptsTheDatabase() throws Exception {
        applyByHand("001_initial_schema.sql");
        // The shape a migration runner script of its own (the guide's migrate.py) keeps its history in.
        execute("CREATE TABLE schema_migrations (version varchar(50) PRIMARY KEY, name varchar(255) NOT NULL, "
                + "applied_at timestamp DEFAULT now(), checksum varchar(64), execution_time_ms integer, success boolean)");
        migrations.delete("002_comprehensive_ats_system.sql");

        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> new Migrator(verified().build()).migrate());
        assertEquals(ErrorCode.FOREIGN_HISTORY_TABLE, refused.code());
        assertTrue(refused.getMessage().contains("Table public.schema_migrations exists but is not a hotgigs-migrate history table: "
                + "it has columns (version character varying(50), name character varying(255), applied_at timestamp without time "
                + "zone, checksum character varying(64), execution_time_ms integer, success boolean), expected (installed_rank "
                + "integer, version text"), refused.getMessage());
        assertTrue(refused.getMessage().contains("It was left untouched."), refused.getMessage());
        assertTrue(refused.getMessage().contains("set hotgigs.table to another name (e.g. -Dhotgigs.table=hotgigs_schema_migrations) "
                + "and run hotgigs:baseline"), refused.getMessage());

        BaselineResult result = new Migrator(verified().table("hotgigs_schema_migrations").build()).baseline();

        assertEquals(List.of("001"), result.baselined().stream().map(MigrationInfo::version).toList());
        assertTrue(result.extras().stream().anyMatch(d -> d.object().equals("table public.schema_migrations")), result.extras().toString());
        assertEquals("0", value(database, "SELECT count(*) FROM schema_migrations"), "the other tool's table is left alone");
    }

    @Test
    void objectsOfAnotherSchemaDoNotMakeTheHistorysSchemaNonEmpty() throws Exception {
        applyByHand("001_initial_schema.sql");
        execute("CREATE SCHEMA ats");
        migrations.write("003_offers.sql", "CREATE TABLE ats.offers (id bigint PRIMARY KEY);\n")
                .delete("001_initial_schema.sql").delete("002_comprehensive_ats_system.sql");

        MigrateResult result = new Migrator(verified().schema("ats").build()).migrate();

        assertEquals(List.of("003"), result.applied().stream().map(MigrationInfo::version).toList());
    }

    private static final String SEED = "CREATE TABLE IF NOT EXISTS roles (name text); INSERT INTO roles VALUES ('admin');\n";

    /** Applied with psql, no history: the history schema named is one the migrations never wrote to. */
    private void seedAppliedByHand() throws Exception {
        migrations.write("001_seed.sql", SEED).delete("001_initial_schema.sql").delete("002_comprehensive_ats_system.sql");
        applyByHand("001_seed.sql");
    }

    @Test
    void aHistorySchemaThatDoesNotExistYetIsNoReasonToRunTheMigrationsAgainOnTheSearchPathsObjects() throws Exception {
        seedAppliedByHand();

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new Migrator(verified().schema("hist").build()).migrate());

        assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, refused.code());
        assertEquals("Schema public of database " + database.name() + " has objects (2 objects, e.g. table public.roles) but no "
                + "history table hist.schema_migrations, and schema hist does not exist yet: the migrations' unqualified names "
                + "land in the connection's search_path (public), so migrating would run every migration again on top of it. "
                + "Nothing was written. If the migrations built it (psql -f, another tool), record them as applied with "
                + "mvn hotgigs:baseline (verified against the migrations replayed; -Dhotgigs.baselineVersion=<the last version it "
                + "has>), or let migrate do that first with -Dhotgigs.baselineOnMigrate=true. If the history is kept elsewhere, "
                + "set hotgigs.schema or hotgigs.table. If those objects are another application's and the migrations create "
                + "theirs in schema hist alone, create it first (CREATE SCHEMA hist;): an existing history schema is taken as the "
                + "project's own, and only its objects count.", refused.getMessage());
        assertEquals(List.of("admin"), rows(database, "SELECT name FROM roles"));
        assertEquals("0", value(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'hist'"), "the refusal left no schema");

        MigrateResult adopted = new Migrator(verified().schema("hist")
                .baseline(verified().build().baseline().withBaselineOnMigrate(true)).build()).migrate();

        assertEquals(List.of(), adopted.applied());
        assertEquals(List.of("admin"), rows(database, "SELECT name FROM roles"));
        assertEquals(List.of("001|BASELINE|t"), rows(database, "SELECT version, kind, success FROM hist.schema_migrations"));
    }

    @Test
    void aBaselineIntoAHistorySchemaThatDoesNotExistYetIsNotRefusedForLackingIt() throws Exception {
        applyByHand("001_initial_schema.sql", "002_comprehensive_ats_system.sql");

        BaselineResult result = new Migrator(verified().schema("adm2").baseline(verified().build().baseline().withVersion("002"))
                .build()).baseline();

        assertTrue(result.verified());
        assertEquals(List.of(), result.extras());
        assertEquals(List.of("001|BASELINE", "002|BASELINE"), rows(database,
                "SELECT version, kind FROM adm2.schema_migrations ORDER BY installed_rank"));
    }

    @Test
    void statusPlanAndValidateSayThatMigrateRefusesADatabaseBuiltWithoutIt() throws Exception {
        seedAppliedByHand();
        String refusal = "hotgigs:migrate refuses this database (SCHEMA_NOT_EMPTY): Schema public of database " + database.name()
                + " has objects (2 objects, e.g. table public.roles) but no history table public.schema_migrations: migrating "
                + "would run every migration again on top of it. If the migrations built it (psql -f, another tool), record them "
                + "as applied with mvn hotgigs:baseline (verified against the migrations replayed; -Dhotgigs.baselineVersion=<the "
                + "last version it has>), or let migrate do that first with -Dhotgigs.baselineOnMigrate=true. If the history is "
                + "kept elsewhere, set hotgigs.schema or hotgigs.table.";

        ValidationReport validation = new Migrator(verified().build()).validate(false);
        assertFalse(validation.valid());
        assertEquals(List.of(refusal), validation.problems());

        RecordingLog statusLog = new RecordingLog();
        new Migrator(verified().build(), new ProgressLog(statusLog)).status();
        assertTrue(statusLog.lines().contains("[WARNING] " + refusal), statusLog.lines().toString());

        RecordingLog planLog = new RecordingLog();
        String planned = new Migrator(verified().build(), new ProgressLog(planLog)).plan().sql();
        assertTrue(planLog.lines().contains("[WARNING] " + refusal), planLog.lines().toString());
        // The file says it too, at its top: a plan read later must not pass for what migrate will do.
        assertTrue(planned.contains("-- MIGRATE WOULD NOT RUN THIS: " + refusal.lines().findFirst().orElseThrow()), planned);

        // Migrate would adopt it first: nothing to refuse.
        assertTrue(new Migrator(verified().baseline(verified().build().baseline().withBaselineOnMigrate(true)).build())
                .validate(false).valid());
        assertFalse(tableExists(database, "public.schema_migrations"), "the read-only goals wrote nothing");
    }

    /** The check asks pg_depend, which every kind of object a schema can hold records itself in. */
    @ParameterizedTest
    @ValueSource(strings = {"CREATE SEQUENCE ats.offer_numbers", "CREATE VIEW ats.answer AS SELECT 42 AS answer",
            "CREATE FUNCTION ats.answer() RETURNS int LANGUAGE sql AS 'SELECT 42'", "CREATE TYPE ats.offer_state AS ENUM ('open')",
            "CREATE DOMAIN ats.salary AS numeric CHECK (VALUE > 0)", "CREATE TYPE ats.money_range AS (low numeric, high numeric)"})
    void aSchemaHoldingOneObjectOfAnyKindIsRefused(String object) throws Exception {
        execute("CREATE SCHEMA ats; " + object);
        migrations.write("003_offers.sql", "CREATE TABLE ats.offers (id bigint PRIMARY KEY);\n")
                .delete("001_initial_schema.sql").delete("002_comprehensive_ats_system.sql");

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> new Migrator(verified().schema("ats").build()).migrate());

        assertEquals(ErrorCode.SCHEMA_NOT_EMPTY, refused.code(), refused.getMessage());
        assertFalse(tableExists(database, "ats.offers"));
        assertFalse(tableExists(database, "ats.schema_migrations"));
    }

    @Test
    void verifiedBaselineNamesEveryHandMadeDifferenceAndRecordsNothing() throws Exception {
        applyByHand("001_initial_schema.sql", "002_comprehensive_ats_system.sql");
        execute("DROP INDEX idx_users_role; ALTER TABLE users ALTER COLUMN role SET DEFAULT 'admin'; "
                + "ALTER TABLE candidates ADD COLUMN nickname text; CREATE TABLE app_settings (key text PRIMARY KEY)");

        SchemaDifferenceException refused = assertThrows(SchemaDifferenceException.class,
                () -> new Migrator(verified().build()).baseline());

        assertEquals(ErrorCode.SCHEMA_DIFFERS, refused.code());
        assertEquals(List.of(
                "column public.candidates.nickname is not created by the migrations (found: text)",
                "column public.users.role differs: expected text DEFAULT 'recruiter'::text NOT NULL, "
                        + "found text DEFAULT 'admin'::text NOT NULL",
                "index public.idx_users_role is missing (expected: CREATE INDEX idx_users_role ON public.users USING btree (role))"),
                refused.differences().stream().map(d -> d.describe()).toList());
        assertTrue(refused.getMessage().startsWith("Baseline refused: the schema of database " + database.name()), refused.getMessage());
        assertTrue(refused.getMessage().contains("3 differences. Nothing was recorded."), refused.getMessage());
        assertFalse(refused.getMessage().contains("app_settings"), "an extra table is not a difference: " + refused.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));
    }

    @Test
    void anExtraTableIsReportedAndRefusedOnlyWhenAsked() throws Exception {
        applyByHand("001_initial_schema.sql");
        migrations.delete("002_comprehensive_ats_system.sql");
        execute("CREATE TABLE app_settings (key text PRIMARY KEY)");

        SchemaDifferenceException refused = assertThrows(SchemaDifferenceException.class, () -> new Migrator(verified()
                .baseline(verified().build().baseline().withFailOnExtraObjects(true)).build()).baseline());
        assertTrue(refused.getMessage().contains("table public.app_settings is extra: the migrations do not create it"),
                refused.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));

        BaselineResult result = new Migrator(verified().build()).baseline();
        assertTrue(result.extras().stream().anyMatch(d -> d.object().equals("table public.app_settings")), result.extras().toString());
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("Not created by the migrations: table public.app_settings")),
                result.warnings().toString());
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations WHERE kind = 'BASELINE'"));
    }

    @Test
    void baselineVersionRecordsUpToItAndTheRestApplies() throws Exception {
        applyByHand("001_initial_schema.sql");

        BaselineResult result = new Migrator(verified().baseline(verified().build().baseline().withVersion("1")).build()).baseline();

        assertEquals(List.of("001"), result.baselined().stream().map(MigrationInfo::version).toList());
        MigrateResult migrated = new Migrator(verified().build()).migrate();
        assertEquals(List.of("002"), migrated.applied().stream().map(MigrationInfo::version).toList());
    }

    @Test
    void baselineRefusesAManagedDatabaseAnUnknownVersionAndAnEmptySchema() throws Exception {
        ConfigurationException empty = assertThrows(ConfigurationException.class, () -> new Migrator(verified().build()).baseline());
        assertEquals(ErrorCode.SCHEMA_EMPTY, empty.code());
        assertTrue(empty.getMessage().contains("there is nothing to baseline. Nothing was written. Run migrate"), empty.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));

        applyByHand("001_initial_schema.sql");
        ConfigurationException unknown = assertThrows(ConfigurationException.class, () -> new Migrator(verified()
                .baseline(verified().build().baseline().withVersion("7")).build()).baseline());
        assertEquals(ErrorCode.BASELINE_VERSION_UNKNOWN, unknown.code());
        assertTrue(unknown.getMessage().startsWith("Baseline version 7 matches no local migration (local versions: 001, 002)."),
                unknown.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));

        new Migrator(verified().baseline(verified().build().baseline().withVersion("001")).build()).baseline();
        ConfigurationException managed = assertThrows(ConfigurationException.class, () -> new Migrator(verified().build()).baseline());
        assertEquals(ErrorCode.HISTORY_NOT_EMPTY, managed.code());
        assertTrue(managed.getMessage().startsWith("History table public.schema_migrations already has 1 row"), managed.getMessage());
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void baselineOnMigrateAdoptsThenApplies() throws Exception {
        applyByHand("001_initial_schema.sql");
        MigratorConfig config = verified().baseline(verified().build().baseline().withVersion("001").withBaselineOnMigrate(true)).build();

        MigrateResult result = new Migrator(config).migrate();

        assertEquals(List.of("002"), result.applied().stream().map(MigrationInfo::version).toList());
        assertEquals(List.of("001|BASELINE", "002|MIGRATION"), rows(database, "SELECT version, kind FROM schema_migrations ORDER BY 1"));
    }

    @Test
    void withoutVerificationTheBaselineSaysItTrustsTheDatabase() throws Exception {
        applyByHand("001_initial_schema.sql");
        execute("DROP INDEX idx_users_role");
        RecordingLog log = new RecordingLog();

        BaselineResult result = new Migrator(migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withVerify(false)
                .withVersion("001")).build(), new ProgressLog(log)).baseline();

        assertFalse(result.verified());
        assertTrue(log.lines().contains("[WARNING] hotgigs.baselineVerify=false: the schema was not compared with what the "
                + "migrations build; migrations up to 001 are recorded as applied on trust."), log.lines().toString());
        assertEquals("1", value(database, "SELECT count(*) FROM schema_migrations WHERE kind = 'BASELINE'"));
    }

    @Test
    void aReferenceServerThatCannotStartSaysHowToSkipTheCheck() throws Exception {
        applyByHand("001_initial_schema.sql");
        MigratorConfig config = migrations.configFor(database).baseline(BaselineSettings.DEFAULTS.withReference(major -> {
            throw new IllegalStateException("no binaries for PostgreSQL " + major);
        })).build();

        MigrationException failure = assertThrows(MigrationException.class, () -> new Migrator(config).baseline());

        assertEquals(ErrorCode.REFERENCE_FAILED, failure.code());
        assertTrue(failure.getMessage().startsWith("Could not start the embedded PostgreSQL 15 that the migrations are replayed "
                + "into to compare the schemas: no binaries for PostgreSQL 15. Nothing was written. Set hotgigs.baselineVerify=false"),
                failure.getMessage());
        assertFalse(tableExists(database, "public.schema_migrations"));
    }
}
