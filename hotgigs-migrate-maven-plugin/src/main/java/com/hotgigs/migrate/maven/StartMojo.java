package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.embedded.EmbeddedServer;
import com.hotgigs.migrate.embedded.EmbeddedSettings;
import com.hotgigs.migrate.embedded.PostgresBinaries;
import com.hotgigs.migrate.embedded.PostgresVersion;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a throwaway PostgreSQL of the chosen major version on a free port, creates the database
 * to migrate, and exports its address as hotgigs.url, hotgigs.user and hotgigs.password to the
 * goals of this project that follow and to the test JVMs it forks (through {@code argLine}), and
 * to nothing else: other modules of the build keep their own settings. {@code hotgigs:stop} stops
 * it and takes the address back; Maven's exit stops it too.
 *
 * @since 2.0.0
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class StartMojo extends AbstractMojo {

    /** Where the running server is kept for {@code hotgigs:stop} in the same build of the same project. */
    static final String SERVER_KEY = StartMojo.class.getName() + ".server";
    /** What start wrote into the project's properties, for {@code hotgigs:stop} to take back. */
    static final String EXPORTED_KEY = StartMojo.class.getName() + ".exported";

    /**
     * A major version (12 to 18), or a full version of the binaries artifact such as 15.19.0.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.postgresVersion", defaultValue = "15")
    private String postgresVersion;

    /**
     * The database to create on the server; hotgigs.url names it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.database", defaultValue = "hotgigs_db")
    private String database;

    /**
     * The port to listen on; 0 picks a free one, so parallel builds do not collide.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.postgresPort", defaultValue = "0")
    private int postgresPort;

    /**
     * The former name of postgresPort, still read, with a warning.
     *
     * @deprecated write {@code postgresPort} (property hotgigs.postgresPort) instead.
     * @since 2.0.0
     */
    @Deprecated
    @Parameter
    private Integer port;

    /**
     * Skips this goal, as it skips every hotgigs goal.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** The build: the library and binaries are resolved from its project's plugin repositories. */
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
        if (project.getContextValue(SERVER_KEY) != null) {
            throw new MojoExecutionException("hotgigs:start already started a PostgreSQL for " + project.getId()
                    + " in this build; run hotgigs:stop before starting another.");
        }
        int listenPort = port();
        checkSettings(listenPort);
        EmbeddedLibrary.ensureLoadable(embeddedArtifacts());
        EmbeddedServer server = start(resolve(binaries()), listenPort);
        project.setContextValue(SERVER_KEY, server);
        project.setContextValue(EXPORTED_KEY, ExportedAddress.export(project, server.url(), server.user(), ""));
        getLog().info("Started PostgreSQL " + server.version() + " at " + server.url()
                + " (data in " + server.dataDirectory() + ")");
    }

    /** Before anything is downloaded or started: a name or port that cannot work fails alone, at once. */
    private void checkSettings(int listenPort) throws MojoExecutionException {
        try {
            EmbeddedSettings.database(database);
            EmbeddedSettings.port(listenPort);
        } catch (ConfigurationException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private EmbeddedArtifacts embeddedArtifacts() {
        return new EmbeddedArtifacts(repositorySystem, session);
    }

    private PostgresBinaries binaries() throws MojoExecutionException {
        try {
            return PostgresBinaries.forThisPlatform(PostgresVersion.of(postgresVersion));
        } catch (MigrationException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private Path resolve(PostgresBinaries binaries) throws MojoExecutionException {
        return BinariesDownload.resolve(embeddedArtifacts(), binaries);
    }

    private EmbeddedServer start(Path binariesJar, int listenPort) throws MojoExecutionException {
        Path serverLog = buildDirectory.toPath().resolve("hotgigs-postgres.log");
        try {
            Files.createDirectories(buildDirectory.toPath());
            return EmbeddedServer.builder(binariesJar)
                    .database(database)
                    .port(listenPort)
                    // A throwaway server: durability buys nothing and costs seconds.
                    .serverConfig("fsync", "off")
                    .serverConfig("synchronous_commit", "off")
                    .serverConfig("full_page_writes", "off")
                    .serverLog(serverLog)
                    .whenStoppedAtExit(server -> getLog().info("Stopped PostgreSQL " + server.version() + " at "
                            + server.url() + " as Maven exited"))
                    .start();
        } catch (ConfigurationException e) {
            // The port is taken: the message says by what; the server's output has nothing to add.
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new MojoExecutionException("Could not start the embedded PostgreSQL: " + withoutFinalPeriod(e.getMessage())
                    + ". The server's own output is in " + serverLog + ".", e);
        }
    }

    private static String withoutFinalPeriod(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    @SuppressWarnings("deprecation")
    private int port() {
        if (port == null) {
            return postgresPort;
        }
        getLog().warn("The parameter <port> of hotgigs:start is deprecated: write <postgresPort>" + port
                + "</postgresPort> (property hotgigs.postgresPort) instead.");
        return postgresPort != 0 ? postgresPort : port;
    }
}
