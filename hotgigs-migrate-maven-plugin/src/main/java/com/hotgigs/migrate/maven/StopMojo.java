package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.embedded.EmbeddedServer;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Stops the PostgreSQL that {@code hotgigs:start} started for this project, deletes its data and
 * takes its address out of the project's properties. A build that fails before this goal runs
 * stops the server when Maven exits.
 *
 * @since 2.0.0
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class StopMojo extends AbstractMojo {

    /**
     * Skips this goal, as it skips every hotgigs goal.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** This goal's execution, for the check of its boolean parameters. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    @Override
    public void execute() throws MojoExecutionException {
        BooleanParameters.check(session, mojoExecution);
        if (skip) {
            getLog().info(AbstractHotgigsMojo.SKIP_MESSAGE);
            return;
        }
        EmbeddedServer server = (EmbeddedServer) project.getContextValue(StartMojo.SERVER_KEY);
        if (server == null) {
            getLog().info("No PostgreSQL was started by hotgigs:start for " + project.getId() + "; nothing to stop.");
            return;
        }
        project.setContextValue(StartMojo.SERVER_KEY, null);
        ExportedAddress exported = (ExportedAddress) project.getContextValue(StartMojo.EXPORTED_KEY);
        if (exported != null) {
            project.setContextValue(StartMojo.EXPORTED_KEY, null);
            exported.withdraw();
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            throw new MojoExecutionException("Could not stop the embedded PostgreSQL with data in "
                    + server.dataDirectory() + ": " + e.getMessage(), e);
        }
        getLog().info("Stopped PostgreSQL " + server.version() + " at " + server.url());
    }
}
