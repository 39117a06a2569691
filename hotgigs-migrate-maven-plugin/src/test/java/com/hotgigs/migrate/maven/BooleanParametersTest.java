package com.hotgigs.migrate.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A boolean parameter written as anything but true or false is refused before the goal runs, over the
 * migrate goal's own descriptor (Maven would take {@code yes} for false). The builds that prove the
 * wiring are in {@code BadConfigurationIT}.
 */
class BooleanParametersTest {

    private static MojoDescriptor migrate;

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (InputStream in = BooleanParametersTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            PluginDescriptor plugin = new PluginDescriptorBuilder().build(reader);
            migrate = plugin.getMojo("migrate");
        }
    }

    @Test
    void aPropertyThatIsNotABooleanIsNamedWithItsValue() {
        Xpp3Dom configuration = configuration(Map.of("failOnLint", "${hotgigs.failOnLint}"));

        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> BooleanParameters.check(migrate, configuration,
                evaluating(Map.of("${hotgigs.failOnLint}", "yes"))));

        assertEquals("The property hotgigs.failOnLint (-Dhotgigs.failOnLint or a project property) is \"yes\": it takes true or false"
                + " (Maven would read \"yes\" as false). Nothing was run.", e.getMessage());
    }

    @Test
    void aPomValueThatIsNotABooleanNamesTheElement() {
        Xpp3Dom configuration = configuration(Map.of("skip", "1"));

        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> BooleanParameters.check(migrate, configuration, evaluating(Map.of("1", "1"))));

        assertEquals("<skip> in the plugin's configuration is \"1\": it takes true or false (Maven would read \"1\" as false)."
                + " Nothing was run.", e.getMessage());
    }

    @Test
    void trueFalseInAnyCaseUnsetValuesAndOtherTypesPass() {
        Xpp3Dom configuration = configuration(Map.of("skip", "${hotgigs.skip}", "failOnLint", "TRUE", "outOfOrder", "False",
                "lockTimeout", "yes"));

        assertDoesNotThrow(() -> BooleanParameters.check(migrate, configuration,
                evaluating(Map.of("TRUE", "TRUE", "False", "False", "yes", "yes"))));
    }

    private static Xpp3Dom configuration(Map<String, String> values) {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        values.forEach((name, value) -> {
            Xpp3Dom child = new Xpp3Dom(name);
            child.setValue(value);
            configuration.addChild(child);
        });
        return configuration;
    }

    /** An evaluator that knows only the given values, as Maven's resolves an unset property to null. */
    private static java.util.function.Function<String, Object> evaluating(Map<String, String> values) {
        return values::get;
    }
}
