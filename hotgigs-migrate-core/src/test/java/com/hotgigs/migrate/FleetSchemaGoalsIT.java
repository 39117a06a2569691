package com.hotgigs.migrate;

import com.hotgigs.migrate.lint.LintFinding;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.lint.LintRule;
import com.hotgigs.migrate.plan.Plan;
import com.hotgigs.migrate.schema.EmbeddedReference;
import com.hotgigs.migrate.schema.ReferenceServer;
import com.hotgigs.migrate.schema.SchemaDifference;
import com.hotgigs.migrate.testing.BinariesJar;
import com.hotgigs.migrate.testing.PostgresClients;
import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.hotgigs.migrate.Queries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The goals beyond migrate, status and validate on a fleet of tenant schemas: drift and baseline (each
 * tenant compared alone with its own replay, one reference server for all), repair, and plan and lint
 * of what is pending in each tenant.
 */
class FleetSchemaGoalsIT {

    private static final String CANDIDATES = """
            CREATE TYPE candidate_status AS ENUM ('new', 'hired');
            CREATE TABLE candidates (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,
                status candidate_status NOT NULL DEFAULT 'new');
            CREATE VIEW hired AS SELECT id, email FROM candidates WHERE status = 'hired';
            """;
    private static final String EMAIL_INDEX = "CREATE INDEX candidates_email ON candidates (email);\n";
    private static final List<Target> TENANTS = List.of(Target.schema("tenant_a"), Target.schema("tenant_b"), Target.schema("tenant_c"));

    @TempDir
    Path directory;
    private MigrationDirectory migrations;
    private TestDatabase database;
    private final AtomicInteger referenceStarts = new AtomicInteger();

    @BeforeEach
    void createDatabase() {
        migrations = new MigrationDirectory(directory);
        migrations.write("001_candidates.sql", CANDIDATES);
        database = TestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    /** The base configuration, its reference servers counted as they start. */
    private MigratorConfig base() {
        EmbeddedReference embedded = new EmbeddedReference(BinariesJar::of);
        ReferenceServer counted = major -> {
            referenceStarts.incrementAndGet();
            return embedded.start(major);
        };
        return migrations.configFor(database).lockTimeout(Duration.ofSeconds(5))
                .baseline(BaselineSettings.DEFAULTS.withReference(counted)).build();
    }

    private Fleet fleet(List<Target> targets) {
        return new Fleet(new FleetConfig(base(), targets, null, 3, false, null));
    }

    @Test
    void driftOverThreeTenantsReportsOnlyTheIndexMadeByHandInOneWithOneReferenceServer() throws SQLException {
        assertTrue(fleet(TENANTS).migrate().succeeded());
        execute("CREATE INDEX candidates_email_by_hand ON tenant_b.candidates (email)");
        List<String> history = rows(database, "SELECT * FROM tenant_b.schema_migrations");

        FleetResult<DriftReport> result = fleet(TENANTS).drift();

        assertTrue(result.succeeded(), () -> result.failures().toString());
        assertEquals(List.of("tenant_a", "tenant_b", "tenant_c"), result.outcomes().stream().map(o -> o.target().name()).toList());
        // Each tenant is compared alone: the other tenants' tables are neither extra nor missing.
        assertEquals(List.of(), result.outcomes().get(0).result().differences());
        assertEquals(List.of(new SchemaDifference("index tenant_b.candidates_email_by_hand", null,
                "CREATE INDEX candidates_email_by_hand ON tenant_b.candidates USING btree (email)", false)),
                result.outcomes().get(1).result().differences());
        assertEquals(List.of(), result.outcomes().get(2).result().differences());
        assertEquals("001", result.outcomes().get(1).result().version());
        assertTrue(result.outcomes().get(1).result().compared() > 5, "the tenant's objects were compared");
        assertEquals(1, referenceStarts.get(), "one reference server served the three tenants");
        // Several targets: each outcome says where its target stands, for the table and the JSON.
        assertEquals("001", result.outcomes().get(1).statusAfter().currentVersion());
        assertEquals(history, rows(database, "SELECT * FROM tenant_b.schema_migrations"));
    }

    @Test
    void baselineOfThreeTenantsBuiltByPsqlRecordsEachAloneAndRefusesTheOneThatDiffers() throws Exception {
        assumeTrue(PostgresClients.available(), "psql builds the tenants");
        for (Target tenant : TENANTS) {
            Path script = Files.writeString(directory.resolve(tenant.value() + ".psql"), "CREATE SCHEMA " + tenant.value() + ";\n"
                    + "SET search_path TO " + tenant.value() + ";\n" + CANDIDATES);
            assertEquals(0, PostgresClients.psql(database, script).exitCode());
        }
        execute("ALTER TABLE tenant_c.candidates ADD COLUMN phone text");

        FleetResult<BaselineResult> result = fleet(TENANTS).baseline();

        assertEquals(List.of("tenant_c"), result.failures().stream().map(o -> o.target().name()).toList());
        SchemaDifferenceException refused = (SchemaDifferenceException) result.failures().get(0).failure();
        assertTrue(refused.getMessage().contains("column tenant_c.candidates.phone"), refused.getMessage());
        for (String tenant : List.of("tenant_a", "tenant_b")) {
            assertEquals(List.of("001|BASELINE|t"), rows(database, "SELECT version, kind, success FROM " + tenant
                    + ".schema_migrations ORDER BY installed_rank"));
        }
        assertEquals(List.of("0"), rows(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'tenant_c' "
                + "AND tablename = 'schema_migrations'"), "nothing was recorded in tenant_c");
        TargetOutcome<BaselineResult> baselined = result.outcomes().get(0);
        assertTrue(baselined.result().verified());
        assertEquals("001", baselined.statusAfter().currentVersion());
        assertEquals(1, referenceStarts.get(), "one reference server served the three tenants");
        TargetsFailedException thrown = assertThrows(TargetsFailedException.class, result::throwIfFailed);
        assertTrue(thrown.getMessage().startsWith("1 of 3 targets failed; the others are done:\n  - tenant_c: Baseline refused"),
                thrown.getMessage());
    }

    @Test
    void planAndLintSeeWhatIsPendingInEachTenant() throws SQLException {
        migrations.write("002_email_index.sql", EMAIL_INDEX);
        new Migrator(Target.schema("tenant_a").configure(base())).migrate();
        new Migrator(Target.schema("tenant_b").configure(base()).toBuilder().target("001").build()).migrate();
        // tenant_c has nothing yet.

        FleetResult<Plan> plans = fleet(TENANTS).plan();
        FleetResult<LintReport> lint = fleet(TENANTS).lint();

        assertTrue(plans.succeeded(), () -> plans.failures().toString());
        assertEquals(List.of(0, 1, 2), plans.outcomes().stream().map(o -> o.result().migrations()).toList());
        String planB = plans.outcomes().get(1).result().sql();
        assertTrue(planB.contains("CREATE INDEX candidates_email ON candidates (email);"), planB);
        assertTrue(planB.contains("tenant_b"), planB);
        assertTrue(!planB.contains("CREATE TABLE candidates"), planB);
        assertTrue(lint.succeeded(), () -> lint.failures().toString());
        assertEquals(List.of(0, 1, 2), lint.outcomes().stream().map(o -> o.result().migrations()).toList());
        // An index on tenant_b's table in use blocks its writes; on tenant_c the table is created in the same run.
        assertEquals(List.of(), lint.outcomes().get(0).result().findings());
        assertEquals(List.of(LintRule.ADD_INDEX_NON_CONCURRENTLY), lint.outcomes().get(1).result().findings().stream()
                .map(LintFinding::rule).toList());
        assertEquals(List.of(), lint.outcomes().get(2).result().findings());
        assertEquals(List.of("0"), rows(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'tenant_c'"));
        assertEquals(List.of("001|t"), rows(database, "SELECT version, success FROM tenant_b.schema_migrations"));
    }

    @Test
    void repairRealignsEachTenantsHistoryUnderItsOwnLock() throws SQLException {
        List<Target> two = TENANTS.subList(0, 2);
        assertTrue(fleet(two).migrate().succeeded());
        migrations.write("001_candidates.sql", "-- reviewed\n" + CANDIDATES);

        FleetResult<RepairResult> result = fleet(two).repair();

        assertTrue(result.succeeded(), () -> result.failures().toString());
        for (TargetOutcome<RepairResult> outcome : result.outcomes()) {
            assertEquals(1, outcome.result().changes().size(), outcome.target().name());
            assertTrue(outcome.result().changes().get(0).realigned());
            assertNotNull(outcome.statusAfter());
            assertEquals(List.of("001|MIGRATION", "001|REPAIR"), rows(database, "SELECT version, kind FROM " + outcome.target().value()
                    + ".schema_migrations ORDER BY installed_rank"));
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnyComparisonOrLint() throws SQLException {
        ConfigurationException twice = assertThrows(ConfigurationException.class,
                () -> fleet(List.of(Target.schema("tenant_a"), Target.schema("tenant_a"))).drift());
        assertEquals(ErrorCode.DUPLICATE_TARGET, twice.code());
        ConfigurationException invalid = assertThrows(ConfigurationException.class,
                () -> fleet(List.of(Target.schema("tenant-1"))).lint());
        assertTrue(invalid.getMessage().startsWith("Setting 'schemas' (hotgigs.schemas) has the invalid value 'tenant-1'"), invalid.getMessage());
        ConfigurationException query = assertThrows(ConfigurationException.class,
                () -> new Fleet(new FleetConfig(base(), List.of(), "SELECT nope FROM nowhere", 2, false, null)).baseline());
        assertEquals(ErrorCode.TARGETS_QUERY_FAILED, query.code());
        assertEquals(0, referenceStarts.get());
        assertEquals(List.of("0"), rows(database, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenant%'"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
