package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.embedded.PostgresBinaries;
import com.hotgigs.migrate.embedded.PostgresVersion;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.nio.file.Path;

/**
 * Downloads into the local repository everything {@code hotgigs:start} fetches when it runs: the
 * embedded PostgreSQL library and the PostgreSQL binaries of the chosen version for this platform.
 * {@code dependency:go-offline} cannot see them (they are not dependencies of the plugin, so that
 * goals other than start never resolve them); after this goal, {@code mvn -o hotgigs:start
 * hotgigs:migrate hotgigs:stop} needs no network, e.g. in a CI image or a Docker layer.
 *
 * @since 2.0.0
 */
@Mojo(name = "prefetch", threadSafe = true)
public class PrefetchMojo extends AbstractMojo {

    /**
     * The PostgreSQL version hotgigs:start will run: a major version (12 to 18), or a full version of
     * the binaries artifact such as 15.19.0; the same property as start's.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.postgresVersion", defaultValue = "15")
    private String postgresVersion;

    /**
     * Skips this goal, as it skips every hotgigs goal.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.skip", defaultValue = "false")
    private boolean skip;

    /** The build: start resolves from its project's plugin repositories (and their mirrors), and so does this goal. */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** This goal's execution, for the check of its boolean parameters. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Inject
    private RepositorySystem repositorySystem;

    @Override
    public void execute() throws MojoExecutionException {
        BooleanParameters.check(session, mojoExecution);
        if (skip) {
            getLog().info(AbstractHotgigsMojo.SKIP_MESSAGE);
            return;
        }
        PostgresBinaries binaries;
        try {
            binaries = PostgresBinaries.forThisPlatform(PostgresVersion.of(postgresVersion));
        } catch (MigrationException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        EmbeddedArtifacts embedded = new EmbeddedArtifacts(repositorySystem, session);
        int libraryJars = EmbeddedLibrary.resolve(embedded).size();
        Path jar = BinariesDownload.resolve(embedded, binaries);
        getLog().info("Fetched the embedded PostgreSQL library (" + libraryJars + " jars) and the PostgreSQL binaries "
                + binaries.coordinates() + " (" + jar.getFileName() + "): hotgigs:start now runs offline");
    }
}
