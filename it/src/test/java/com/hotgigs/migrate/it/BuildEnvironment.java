package com.hotgigs.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the builds started by the tests find Maven, their repository and settings, and the
 * sample projects; set by the it module's POM (failsafe system properties).
 */
final class BuildEnvironment {

    private static Path settings;

    private BuildEnvironment() {
    }

    static Path mavenExecutable() {
        return Path.of(required("it.mavenHome"), "bin", "mvn");
    }

    /** The repository all test builds share: the reactor's artifacts installed, the rest copied in. */
    static Path localRepository() {
        return Path.of(required("it.localRepository"));
    }

    static Path projects() {
        return Path.of(required("it.projects"));
    }

    /** The root of the reactor this module belongs to, whose modules' target directories hold what it built. */
    static Path reactorRoot() {
        return Path.of(required("it.reactorRoot")).toAbsolutePath().normalize();
    }

    static Path workDirectory() {
        return Path.of(required("it.workDirectory"));
    }

    static String pluginVersion() {
        return required("it.pluginVersion");
    }

    /** Versions a sample project's own dependencies and plugins use, as the reactor pins them. */
    static String version(String name) {
        return required("it.version." + name);
    }

    static Duration buildTimeout() {
        return Duration.ofSeconds(Long.parseLong(System.getProperty("it.buildTimeoutSeconds", "180")));
    }

    /** The invoker builds' settings, with the user's repository as the mirror of every repository. */
    static synchronized Path settings() {
        if (settings == null) {
            try {
                String template = Files.readString(Path.of(required("it.settingsTemplate")), StandardCharsets.UTF_8);
                String userRepository = Path.of(required("it.userRepository")).toUri().toString();
                Path file = workDirectory().resolve("settings.xml");
                Files.createDirectories(file.getParent());
                Files.writeString(file, template.replace("@localRepositoryUrl@", userRepository), StandardCharsets.UTF_8);
                settings = file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the settings of the test builds", e);
            }
        }
        return settings;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property
                    + " is not set; run the tests through the it module's build (mvn verify)");
        }
        return value;
    }
}
