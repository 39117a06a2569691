package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.BaselineSettings;
import com.hotgigs.migrate.embedded.PostgresBinaries;
import com.hotgigs.migrate.embedded.PostgresVersion;
import com.hotgigs.migrate.schema.EmbeddedReference;
import com.hotgigs.migrate.schema.ReferenceServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import javax.inject.Inject;
import java.util.List;

/**
 * Goals that compare the database's schema with the one its migrations build, replayed into an
 * embedded PostgreSQL of the database's major version: the binaries and the embedded library are
 * resolved only when a comparison runs, as {@code hotgigs:start} resolves them.
 */
public abstract class AbstractComparingMojo extends AbstractFleetMojo {

    /**
     * Objects the migrations do not create (tables, views, functions of the application's own) fail
     * the comparison too; by default they are reported and left alone. A column, index, constraint or
     * trigger added to one of the migrations' tables is always a difference.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failOnExtraObjects", defaultValue = "false")
    private boolean failOnExtraObjects;

    /** The build's repository session, to resolve the embedded PostgreSQL when a comparison runs. */
    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    private RepositorySystemSession repositorySession;

    /** Where plugins come from: the embedded PostgreSQL library and binaries are resolved from there. */
    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true)
    private List<RemoteRepository> pluginRepositories;

    @Inject
    private RepositorySystem repositorySystem;

    /** The comparison's settings: an embedded reference server, and failOnExtraObjects. */
    protected BaselineSettings comparisonSettings() {
        return comparisonSettings(failOnExtraObjects, repositorySystem, repositorySession, pluginRepositories);
    }

    /** The same for migrate, whose baseline on migrate compares: it declares these itself, beside its run's settings. */
    static BaselineSettings comparisonSettings(boolean failOnExtraObjects, RepositorySystem repositorySystem,
                                               RepositorySystemSession repositorySession, List<RemoteRepository> pluginRepositories) {
        return BaselineSettings.DEFAULTS.withReference(referenceServer(repositorySystem, repositorySession, pluginRepositories))
                .withFailOnExtraObjects(failOnExtraObjects);
    }

    private static ReferenceServer referenceServer(RepositorySystem repositorySystem, RepositorySystemSession repositorySession,
                                                   List<RemoteRepository> pluginRepositories) {
        return new EmbeddedReference(major -> {
            try {
                EmbeddedLibrary.ensureLoadable(repositorySystem, repositorySession, pluginRepositories);
                return BinariesDownload.resolve(repositorySystem, repositorySession, pluginRepositories,
                        PostgresBinaries.forThisPlatform(PostgresVersion.of(String.valueOf(major))));
            } catch (MojoExecutionException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
