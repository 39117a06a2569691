package com.hotgigs.migrate.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

import java.util.Properties;

/**
 * A property looked up the way Maven resolves a parameter's {@code property}: the command line's
 * {@code -D} first, then the build's system properties, then the project's properties (where
 * {@code hotgigs:start} puts its server's address). The plugin reads {@code hotgigs.url} and
 * {@code hotgigs.password} itself because Maven, at {@code -X}, prints the value of every
 * parameter it sets from a property.
 */
final class BuildProperties {

    private final MavenSession session;
    private final MavenProject project;

    BuildProperties(MavenSession session, MavenProject project) {
        this.session = session;
        this.project = project;
    }

    /** The value, or null when no source has it. */
    String get(String name) {
        String value = session == null ? null : lookup(session.getUserProperties(), name);
        if (value == null && session != null) {
            value = lookup(session.getSystemProperties(), name);
        }
        if (value == null && project != null) {
            value = lookup(project.getProperties(), name);
        }
        return value;
    }

    private static String lookup(Properties properties, String name) {
        return properties == null ? null : properties.getProperty(name);
    }
}
