package com.hotgigs.migrate.maven;

import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.reporting.MavenReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users see of the goals, read from the generated plugin descriptor (the source of
 * {@code mvn help:describe}): goal names and prefix, the migrate phase, every user parameter
 * with its hotgigs.* property, default, description and {@code @since}, no Plexus requirements,
 * and the required Maven version.
 */
class PluginDescriptorTest {

    /** What every goal that reads scripts declares. */
    private static final List<String> CONNECTION = List.of("url", "user", "password", "serverId", "schema", "table",
            "locations", "transactionMode", "placeholderReplacement", "skip");
    /** The target parameters: declared by every goal that reads a database, and only by those (#12). */
    private static final List<String> TARGETS = List.of("schemas", "databases", "targetsQuery", "parallelism", "failFast", "shard",
            "reportFile");
    private static final List<String> SHARED = java.util.stream.Stream.concat(CONNECTION.stream(), TARGETS.stream()).toList();
    /** Read by the plugin itself, not bound by Maven, so that -X does not print them. */
    private static final List<String> READ_BY_THE_PLUGIN = List.of("url", "password");
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("schema", "public"),
            Map.entry("table", "schema_migrations"),
            Map.entry("locations", "classpath:db/hotgigs"),
            Map.entry("transactionMode", "per-migration"),
            Map.entry("outOfOrder", "false"),
            Map.entry("lockWaitSeconds", "600"),
            Map.entry("skip", "false"),
            Map.entry("parallelism", "4"),
            Map.entry("failFast", "false"),
            Map.entry("failOnPending", "false"),
            Map.entry("flushEachMigration", "false"),
            Map.entry("lockTimeout", "5s"),
            Map.entry("lockRetries", "3"),
            Map.entry("statementTimeout", "off"),
            Map.entry("placeholderReplacement", "true"),
            Map.entry("baselineVerify", "true"),
            Map.entry("baselineOnMigrate", "false"),
            Map.entry("importFlywayHistory", "false"),
            Map.entry("failOnExtraObjects", "false"),
            Map.entry("reportsDirectory", "${project.build.directory}/hotgigs-reports"),
            Map.entry("reportOutputDirectory", "${project.build.directory}/hotgigs/report"),
            Map.entry("failOnLint", "false"),
            Map.entry("lintFile", "${project.build.directory}/hotgigs/lint.json"));

    private static PluginDescriptor plugin;

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            plugin = new PluginDescriptorBuilder().build(reader);
        }
    }

    /**
     * mvn help:describe reads descriptions as HTML: a {@code <name>} written in one would vanish from what it
     * prints ({@code -Dhotgigs.placeholders.=value}). Only the tags javadoc's own markup becomes may be there.
     */
    @Test
    void everyDescriptionHoldsOnlyTheTagsHelpDescribeCanShow() {
        java.util.Set<String> markup = java.util.Set.of("code", "p", "a", "em", "strong", "i", "b", "ul", "ol", "li", "pre", "br");
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("</?([A-Za-z][\\w.-]*)");
        List<String> foreign = new java.util.ArrayList<>();
        // The help goal is maven-plugin-plugin's own, written by it.
        for (MojoDescriptor mojo : plugin.getMojos().stream().filter(m -> !m.getGoal().equals("help")).toList()) {
            List<String> descriptions = new java.util.ArrayList<>();
            descriptions.add(mojo.getDescription());
            mojo.getParameters().forEach(parameter -> descriptions.add(mojo.getGoal() + "." + parameter.getName() + ": "
                    + parameter.getDescription()));
            for (String description : descriptions) {
                java.util.regex.Matcher found = tag.matcher(String.valueOf(description));
                while (found.find()) {
                    if (!markup.contains(found.group(1).toLowerCase(java.util.Locale.ROOT))) {
                        foreign.add(mojo.getGoal() + ": <" + found.group(1) + "> in " + description);
                    }
                }
            }
        }
        assertEquals(List.of(), foreign);
    }

    @Test
    void goalsUseThePrefixHotgigs() {
        assertEquals("hotgigs", plugin.getGoalPrefix());
        assertNotNull(plugin.getMojo("migrate"));
        assertNotNull(plugin.getMojo("status"));
        assertNotNull(plugin.getMojo("validate"));
        assertNotNull(plugin.getMojo("baseline"));
        assertNotNull(plugin.getMojo("drift"));
        assertNotNull(plugin.getMojo("report"));
        assertNotNull(plugin.getMojo("site-report"));
        assertNotNull(plugin.getMojo("prefetch"));
        assertNotNull(plugin.getMojo("repair"));
        assertNotNull(plugin.getMojo("help"));
        assertNotNull(plugin.getMojo("lint"));
        assertNotNull(plugin.getMojo("check"));
        assertNotNull(plugin.getMojo("manifest"));
        assertNotNull(plugin.getMojo("plan"));
    }

    @Test
    void lintAndCheckRunInValidateAndDeclareOnlyWhatTheyJudgeBy() {
        assertEquals("validate", plugin.getMojo("lint").getPhase());
        assertEquals("validate", plugin.getMojo("check").getPhase());
        // No database run's settings: no targets, retries, statement timeout, baseline or JUnit directory.
        List<String> names = new ArrayList<>(CONNECTION);
        names.addAll(List.of("failOnLint", "lockTimeout", "lintFile"));
        Map<String, String> lint = expected(names);
        lint.put("lintIgnore", "${hotgigs.lintIgnore} null");
        assertEquals(lint, userParameters("lint"));
        Map<String, String> check = new TreeMap<>(lint);
        check.put("manifestFile", "${hotgigs.manifestFile} null");
        assertEquals(check, userParameters("check"));
    }

    @Test
    void planTakesMigratesRunSettingsOnly() {
        assertEquals(null, plugin.getMojo("plan").getPhase());
        // Not the lock wait, retries, failOnLint, baseline or JUnit settings: a plan waits for no lock and applies nothing.
        List<String> names = new ArrayList<>(SHARED);
        names.addAll(List.of("target", "outOfOrder", "flushEachMigration", "lockTimeout", "statementTimeout"));
        Map<String, String> plan = expected(names);
        plan.put("lintIgnore", "${hotgigs.lintIgnore} null");
        plan.put("planFile", "${hotgigs.planFile} ${project.build.directory}/hotgigs/plan.sql");
        assertEquals(plan, userParameters("plan"));
    }

    @Test
    void manifestParameters() {
        Map<String, String> expected = expected(CONNECTION);
        expected.put("manifestFile", "${hotgigs.manifestFile} null");
        assertEquals(expected, userParameters("manifest"));
    }

    @Test
    void everyBuildLoadsOnlyTheEngineAndTheJdbcDriverBesideThePlugin() {
        // hotgigs:start resolves the embedded PostgreSQL library itself, when it runs; the reporting API that
        // hotgigs:site-report implements is the site plugin's to give.
        assertEquals(List.of("com.hotgigs:hotgigs-migrate-core", "org.postgresql:postgresql", "org.checkerframework:checker-qual"),
                plugin.getDependencies().stream().map(d -> d.getGroupId() + ":" + d.getArtifactId()).toList());
    }

    /** The site plugin calls a goal as a report only if its class is a MavenReport: site-report is, report is not. */
    @Test
    void siteReportIsTheSitesReportAndReportIsAGoalOfItsOwn() throws Exception {
        assertEquals(SiteReportMojo.class.getName(), plugin.getMojo("site-report").getImplementation());
        assertTrue(MavenReport.class.isAssignableFrom(Class.forName(plugin.getMojo("site-report").getImplementation())));
        assertEquals(ReportMojo.class.getName(), plugin.getMojo("report").getImplementation());
        for (MojoDescriptor mojo : plugin.getMojos().stream().filter(m -> !m.getGoal().equals("site-report")).toList()) {
            assertFalse(MavenReport.class.isAssignableFrom(Class.forName(mojo.getImplementation())), mojo.getGoal());
        }
    }

    /**
     * Outside mvn site there is no reporting API or Doxia to load: only SiteReportMojo and the page it renders name
     * their classes (in the compiled classes' constant pools), and nothing else names that page, so every other goal's
     * class, report's included, loads without them.
     */
    @Test
    void onlySiteReportNamesTheSitePluginsClasses() throws Exception {
        Path classes = Path.of(ReportMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> namingSiteClasses = new ArrayList<>();
        List<String> namingSitePage = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                // Class names are ASCII, and stand in the constant pool as they are.
                String pool = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (pool.contains("org/apache/maven/reporting/") || pool.contains("org/apache/maven/doxia/")) {
                    namingSiteClasses.add(name);
                }
                if (pool.contains("com/hotgigs/migrate/maven/SitePage") && !name.equals("com/hotgigs/migrate/maven/SitePage.class")) {
                    namingSitePage.add(name);
                }
            }
        }
        assertEquals(List.of("com/hotgigs/migrate/maven/SitePage.class", "com/hotgigs/migrate/maven/SiteReportMojo.class"),
                namingSiteClasses);
        assertEquals(List.of("com/hotgigs/migrate/maven/SiteReportMojo.class"), namingSitePage);
    }

    @Test
    void migrateRunsBeforeIntegrationTests() {
        assertEquals("pre-integration-test", plugin.getMojo("migrate").getPhase());
    }

    /** Maven resolves no dependencies before a goal runs: the goal resolves them itself when a classpath: location needs them. */
    @Test
    void noGoalMakesMavenResolveTheProjectsDependencies() {
        for (String goal : List.of("migrate", "status", "validate", "report", "site-report", "start", "stop", "prefetch")) {
            String required = plugin.getMojo(goal).getDependencyResolutionRequired();
            assertTrue(required == null || required.equals("none"), () -> goal + " requires " + required);
        }
    }

    @Test
    void migrateParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.addAll(List.of("target", "outOfOrder", "lockWaitSeconds", "flushEachMigration", "lockTimeout", "lockRetries",
                "statementTimeout",
                "reportsDirectory", "baselineOnMigrate", "baselineVersion", "baselineVerify", "failOnExtraObjects", "failOnLint",
                "importFlywayHistory"));
        Map<String, String> expected = expected(names);
        expected.put("lintIgnore", "${hotgigs.lintIgnore} null");
        assertEquals(expected, userParameters("migrate"));
    }

    @Test
    void startParameters() {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "postgresVersion", "${hotgigs.postgresVersion} 15",
                "database", "${hotgigs.database} hotgigs_db",
                "postgresPort", "${hotgigs.postgresPort} 0",
                "port", "null null",
                "skip", "${hotgigs.skip} false"));
        assertEquals(expected, userParameters("start"));
        assertNotNull(plugin.getMojo("start").getParameterMap().get("port").getDeprecated(),
                "the former name of postgresPort says it is deprecated");
    }

    @Test
    void prefetchParameters() {
        assertEquals(Map.of("postgresVersion", "${hotgigs.postgresVersion} 15", "skip", "${hotgigs.skip} false"),
                userParameters("prefetch"));
    }

    @Test
    void stopParameters() {
        assertEquals(Map.of("skip", "${hotgigs.skip} false"), userParameters("stop"));
    }

    @Test
    void startIsInjectedTheJsr330WayWithNoPlexusRequirements() {
        assertEquals(List.of(), plugin.getMojo("start").getRequirements());
        for (MojoDescriptor mojo : plugin.getMojos()) {
            assertEquals(List.of(), mojo.getRequirements(), mojo.getGoal() + " declares Plexus @Component requirements");
        }
    }

    @Test
    void everyParameterAndGoalSaysSinceWhen() {
        for (MojoDescriptor mojo : plugin.getMojos()) {
            if (mojo.getGoal().equals("help")) {
                continue;
            }
            assertEquals("2.0.0", mojo.getSince(), mojo.getGoal());
            for (Parameter parameter : mojo.getParameters()) {
                if (parameter.isEditable()) {
                    assertEquals("2.0.0", parameter.getSince(), mojo.getGoal() + " parameter " + parameter.getName());
                }
            }
        }
    }

    @Test
    void theRequiredMavenVersionIsTheParentPomsOneNumberAndTheReadmeSaysIt() throws Exception {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        Matcher property = Pattern.compile("<maven\\.minimum\\.version>([^<]+)</maven\\.minimum\\.version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertTrue(property.find(), "the parent pom keeps the version in maven.minimum.version");
        String version = property.group(1);
        // Maven 3.8's descriptor reader does not keep it: read the descriptor's text.
        Matcher required = Pattern.compile("<requiredMavenVersion>([^<]+)</requiredMavenVersion>").matcher(descriptorText());
        assertTrue(required.find(), "the descriptor states requiredMavenVersion");
        assertEquals(version, required.group(1));
        assertTrue(Files.readString(root.resolve("README.md")).contains("Maven " + version + " or newer"),
                "the README states the required Maven version " + version);
    }

    @Test
    void statusParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.add("statusFile");
        assertEquals(expected(names), userParameters("status"));
    }

    @Test
    void validateParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.add("failOnPending");
        names.add("reportsDirectory");
        names.add("failOnLint");
        Map<String, String> expected = expected(names);
        expected.put("lintIgnore", "${hotgigs.lintIgnore} null");
        assertEquals(expected, userParameters("validate"));
    }

    @Test
    void baselineParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.addAll(List.of("baselineVersion", "baselineVerify", "failOnExtraObjects"));
        assertEquals(expected(names), userParameters("baseline"));
    }

    @Test
    void driftParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.addAll(List.of("driftFile", "failOnExtraObjects"));
        assertEquals(expected(names), userParameters("drift"));
    }

    @Test
    void reportParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.add("reportOutputDirectory");
        assertEquals(expected(names), userParameters("report"));
    }

    /** The site's page takes the goals' settings only: the site plugin names the directory it renders into. */
    @Test
    void siteReportParameters() {
        assertEquals(expected(SHARED), userParameters("site-report"));
    }

    @Test
    void repairParameters() {
        assertEquals(expected(SHARED), userParameters("repair"));
    }

    @Test
    void everyParameterIsDescribed() {
        for (String goal : List.of("migrate", "status", "validate", "baseline", "drift", "report", "site-report", "lint", "check", "manifest", "plan",
                "repair")) {
            for (Parameter parameter : plugin.getMojo(goal).getParameters()) {
                assertFalse(parameter.getDescription() == null || parameter.getDescription().isBlank(),
                        goal + " parameter " + parameter.getName() + " has no description");
            }
        }
    }

    private static String descriptorText() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What {@link #userParameters} gives for a goal with these parameters and the placeholders map. */
    private static Map<String, String> expected(List<String> names) {
        Map<String, String> expected = expectedProperties(names);
        // A map in the POM of every goal that reads scripts; -Dhotgigs.placeholders.<name> are read by the goal.
        expected.put("placeholders", "null null");
        return expected;
    }

    /** name -> "${hotgigs.name} default" for each settable parameter. */
    private static Map<String, String> userParameters(String goal) {
        MojoDescriptor mojo = plugin.getMojo(goal);
        Map<String, String> parameters = new TreeMap<>();
        for (Parameter parameter : mojo.getParameters()) {
            if (parameter.isEditable()) {
                parameters.put(parameter.getName(), parameter.getExpression() + " " + parameter.getDefaultValue());
            }
        }
        return parameters;
    }

    private static Map<String, String> expectedProperties(List<String> names) {
        Map<String, String> parameters = new TreeMap<>();
        names.forEach(name -> parameters.put(name, READ_BY_THE_PLUGIN.contains(name)
                ? "null null" : "${hotgigs." + name + "} " + DEFAULTS.get(name)));
        return parameters;
    }
}
