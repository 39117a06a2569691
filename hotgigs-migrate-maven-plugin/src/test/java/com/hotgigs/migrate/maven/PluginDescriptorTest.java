package com.hotgigs.migrate.maven;

import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What users see of the goals, read from the generated plugin descriptor (the source of
 * {@code mvn help:describe}): goal names and prefix, the migrate phase, and every user parameter
 * with its hotgigs.* property, default and a description.
 */
class PluginDescriptorTest {

    private static final List<String> SHARED = List.of("url", "user", "password", "serverId", "schema", "table",
            "locations", "target", "outOfOrder", "lockWaitSeconds", "skip");
    private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("schema", "public"),
            Map.entry("table", "schema_migrations"), Map.entry("locations", "classpath:db/hotgigs"),
            Map.entry("outOfOrder", "false"), Map.entry("lockWaitSeconds", "600"), Map.entry("skip", "false"),
            Map.entry("failOnPending", "false"), Map.entry("flushEachMigration", "false"), Map.entry("lockTimeout", "5s"),
            Map.entry("lockRetries", "3"), Map.entry("statementTimeout", "off"), Map.entry("placeholderReplacement", "true"));

    private static PluginDescriptor plugin;

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (InputStream in = PluginDescriptorTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            plugin = new PluginDescriptorBuilder().build(reader);
        }
    }

    @Test
    void goalsUseThePrefixHotgigs() {
        assertEquals("hotgigs", plugin.getGoalPrefix());
        assertNotNull(plugin.getMojo("migrate"));
        assertNotNull(plugin.getMojo("status"));
        assertNotNull(plugin.getMojo("validate"));
        assertNotNull(plugin.getMojo("help"));
    }

    @Test
    void everyBuildLoadsOnlyTheEngineAndTheJdbcDriverBesideThePlugin() {
        // hotgigs:start resolves the embedded PostgreSQL library itself, when it runs.
        assertEquals(List.of("com.hotgigs:hotgigs-migrate-core", "org.postgresql:postgresql", "org.checkerframework:checker-qual"),
                plugin.getDependencies().stream().map(d -> d.getGroupId() + ":" + d.getArtifactId()).toList());
    }

    @Test
    void migrateRunsBeforeIntegrationTests() {
        assertEquals("pre-integration-test", plugin.getMojo("migrate").getPhase());
        assertEquals("runtime", plugin.getMojo("migrate").getDependencyResolutionRequired());
    }

    @Test
    void migrateParameters() {
        List<String> names = new ArrayList<>(SHARED);
        names.addAll(List.of("flushEachMigration", "lockTimeout", "lockRetries", "statementTimeout", "placeholderReplacement"));
        Map<String, String> expected = expected(names);
        // A map has no command-line property: -Dhotgigs.placeholders.<name> is read by the goal itself.
        expected.put("placeholders", "null null");
        assertEquals(expected, userParameters("migrate"));
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
        assertEquals(expected(names), userParameters("validate"));
    }

    @Test
    void everyParameterIsDescribed() {
        for (String goal : List.of("migrate", "status", "validate")) {
            for (Parameter parameter : plugin.getMojo(goal).getParameters()) {
                assertFalse(parameter.getDescription() == null || parameter.getDescription().isBlank(),
                        goal + " parameter " + parameter.getName() + " has no description");
            }
        }
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

    private static Map<String, String> expected(List<String> names) {
        Map<String, String> parameters = new TreeMap<>();
        names.forEach(name -> parameters.put(name, "${hotgigs." + name + "} " + DEFAULTS.get(name)));
        return parameters;
    }
}
