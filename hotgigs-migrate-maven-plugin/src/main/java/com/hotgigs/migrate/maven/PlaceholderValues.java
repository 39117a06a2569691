package com.hotgigs.migrate.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The placeholder values of a build: the POM's {@code <placeholders>}, then {@code -Dhotgigs.placeholders.<name>=value}. */
final class PlaceholderValues {

    static final String PROPERTY_PREFIX = "hotgigs.placeholders.";

    private PlaceholderValues() {
    }

    /**
     * @param configured the POM's map, or null
     * @param properties the build's user properties, or null; a property wins over the POM's value
     */
    static Map<String, String> of(Map<String, String> configured, Properties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        if (configured != null) {
            // Maven gives an empty element as null; an empty value is what it means.
            configured.forEach((name, value) -> values.put(name, value == null ? "" : value));
        }
        if (properties != null) {
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith(PROPERTY_PREFIX)) {
                    values.put(key.substring(PROPERTY_PREFIX.length()), properties.getProperty(key));
                }
            }
        }
        return values;
    }
}
