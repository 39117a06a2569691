package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A release of the embedded PostgreSQL binaries, chosen by major version (15) or given in full
 * (15.19.0) to pin another build of the binaries.
 *
 * @param binaries the version of the binaries artifact, e.g. 15.19.0
 */
public record PostgresVersion(String binaries) {

    private static final Pattern FULL = Pattern.compile("\\d+\\.\\d+(\\.\\d+)*");
    private static final Map<Integer, String> BY_MAJOR = load();

    public PostgresVersion {
        if (binaries == null || !FULL.matcher(binaries).matches()) {
            throw new IllegalArgumentException("not a binaries version: " + binaries);
        }
    }

    /** The version a user asked for: a supported major ("15") or a full binaries version ("15.19.0"). */
    public static PostgresVersion of(String requested) {
        String value = requested == null ? "" : requested.trim();
        if (value.matches("\\d+")) {
            String binaries = BY_MAJOR.get(Integer.parseInt(value));
            if (binaries == null) {
                throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                        ConfigurationException.setting("postgresVersion") + " has the unsupported value '" + value + "': expected a major version "
                                + "of " + BY_MAJOR.keySet() + ", or a full binaries version such as " + BY_MAJOR.get(15) + ".");
            }
            return new PostgresVersion(binaries);
        }
        if (FULL.matcher(value).matches()) {
            return new PostgresVersion(value);
        }
        throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                ConfigurationException.setting("postgresVersion") + " has the invalid value '" + value + "': expected a major version such as 15, "
                        + "or a full binaries version such as " + BY_MAJOR.get(15) + ".");
    }

    /** The major versions the plugin knows a binaries release for, oldest first. */
    public static Set<Integer> supportedMajors() {
        return BY_MAJOR.keySet();
    }

    public int major() {
        return Integer.parseInt(binaries.substring(0, binaries.indexOf('.')));
    }

    private static Map<Integer, String> load() {
        Properties properties = new Properties();
        try (InputStream in = PostgresVersion.class.getResourceAsStream("postgres-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("postgres-binaries.properties is missing from the plugin jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, String> byMajor = new TreeMap<>();
        properties.forEach((major, binaries) -> byMajor.put(Integer.parseInt((String) major), (String) binaries));
        return Collections.unmodifiableMap(byMajor);
    }
}
