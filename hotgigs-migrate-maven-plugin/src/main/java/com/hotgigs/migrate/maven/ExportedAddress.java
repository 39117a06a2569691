package com.hotgigs.migrate.maven;

import org.apache.maven.project.MavenProject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code hotgigs:start} wrote into its project's properties, and what they held before, so
 * that {@code hotgigs:stop} can put them back. Only the project's properties: the session's user
 * properties are shared by every module of the build, and a server's address written there would
 * reach the other modules' goals (and, with {@code -T}, while they run).
 *
 * <p>The address reaches the goals of the project as {@code hotgigs.url}, {@code hotgigs.user}
 * and {@code hotgigs.password}, and the JVMs surefire and failsafe fork through {@code argLine}
 * (their property, read when they run), the way coverage agents join the test JVM.
 */
final class ExportedAddress {

    static final String ARG_LINE = "argLine";

    private final MavenProject project;
    /** Each property written, with its value before (null when it had none). */
    private final Map<String, String> previous = new LinkedHashMap<>();

    private ExportedAddress(MavenProject project) {
        this.project = project;
    }

    static ExportedAddress export(MavenProject project, String url, String user, String password) {
        ExportedAddress exported = new ExportedAddress(project);
        exported.set("hotgigs.url", url);
        exported.set("hotgigs.user", user);
        exported.set("hotgigs.password", password);
        String before = project.getProperties().getProperty(ARG_LINE);
        String systemProperties = "-Dhotgigs.url=" + url + " -Dhotgigs.user=" + user + " -Dhotgigs.password=" + password;
        exported.set(ARG_LINE, before == null || before.isBlank() ? systemProperties : before + " " + systemProperties);
        return exported;
    }

    /** Puts back what the project's properties held before {@link #export}. */
    void withdraw() {
        Properties properties = project.getProperties();
        previous.forEach((name, value) -> {
            if (value == null) {
                properties.remove(name);
            } else {
                properties.setProperty(name, value);
            }
        });
        previous.clear();
    }

    private void set(String name, String value) {
        Properties properties = project.getProperties();
        previous.put(name, properties.getProperty(name));
        properties.setProperty(name, value);
    }
}
