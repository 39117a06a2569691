package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.BaselineSettings;
import com.hotgigs.migrate.embedded.PostgresBinaries;
import com.hotgigs.migrate.embedded.PostgresVersion;
import com.hotgigs.migrate.schema.EmbeddedReference;
import com.hotgigs.migrate.schema.ReferenceServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

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

    /** The comparison's settings: an embedded reference server, and failOnExtraObjects. */
    protected BaselineSettings comparisonSettings() {
        return comparisonSettings(failOnExtraObjects, embeddedArtifacts());
    }

    /**
     * The same for migrate, whose baseline on migrate compares: it extends the run settings' base, not
     * this class, so it passes its own failOnExtraObjects.
     */
    static BaselineSettings comparisonSettings(boolean failOnExtraObjects, EmbeddedArtifacts embedded) {
        return BaselineSettings.DEFAULTS.withReference(referenceServer(embedded))
                .withFailOnExtraObjects(failOnExtraObjects);
    }

    private static ReferenceServer referenceServer(EmbeddedArtifacts embedded) {
        return new EmbeddedReference(major -> {
            try {
                EmbeddedLibrary.ensureLoadable(embedded);
                return BinariesDownload.resolve(embedded,
                        PostgresBinaries.forThisPlatform(PostgresVersion.of(String.valueOf(major))));
            } catch (MojoExecutionException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
