package com.hotgigs.migrate.maven;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlaceholderValuesTest {

    @Test
    void aUserPropertyOverridesThePomAndAddsNames() {
        Map<String, String> pom = new HashMap<>();
        pom.put("app_role", "pom_role");
        pom.put("empty", null);
        Properties properties = new Properties();
        properties.setProperty("hotgigs.placeholders.app_role", "cli_role");
        properties.setProperty("hotgigs.placeholders.tablespace", "fast_ssd");
        properties.setProperty("hotgigs.placeholderReplacement", "true");
        properties.setProperty("other.app_role", "ignored");

        assertEquals(Map.of("app_role", "cli_role", "empty", "", "tablespace", "fast_ssd"), PlaceholderValues.of(pom, properties));
    }

    @Test
    void nothingConfiguredIsNoPlaceholders() {
        assertEquals(Map.of(), PlaceholderValues.of(null, null));
    }
}
