package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.SchemaDifferenceException;
import com.hotgigs.migrate.TargetsFailedException;
import com.hotgigs.migrate.ValidationException;
import com.hotgigs.migrate.connection.DatabaseEnvironment;
import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.report.BuildLog;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.ProjectDependenciesResolver;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.Map;

/**
 * What every hotgigs goal shares: the connection and migration parameters, their resolution
 * (parameters and {@code -Dhotgigs.*}, then the settings.xml server, then {@code DB_*} from the
 * environment and {@code .env}, then defaults), {@code hotgigs.skip}, and the one place where
 * engine failures become Maven's. A goal implements {@link #run()}; goals that need no database
 * settings (starting a server, say) simply do not call {@link #configuration()}.
 *
 * <p>As always in Maven, a value written literally in the POM's {@code <configuration>} wins over
 * a {@code -Dhotgigs.*} property; write {@code ${hotgigs.url}} there to let the command line decide.
 */
public abstract class AbstractHotgigsMojo extends AbstractMojo {

    /** What every goal logs, and does, when hotgigs.skip is set. */
    static final String SKIP_MESSAGE = "Skipping: hotgigs.skip is true";

    /**
     * JDBC URL of the database, e.g. {@code jdbc:postgresql://db.example.com:5432/hotgigs_db?sslmode=verify-full}.
     * URL parameters (sslmode, sslrootcert, ...) pass to the PostgreSQL driver. When not set: the property
     * {@code hotgigs.url} ({@code -Dhotgigs.url}, a project property, or the address {@code hotgigs:start}
     * exported for this project), else a URL built from DB_HOST, DB_PORT and DB_NAME (environment first, then
     * the {@code .env} file in the project's base directory), else {@code jdbc:postgresql://localhost:5432/hotgigs_db}.
     * The plugin reads the property itself rather than through Maven, so that {@code mvn -X} does not print a
     * URL that may carry a password.
     *
     * @since 2.0.0
     */
    @Parameter
    private String url;

    /**
     * Database user. When not set: the username of the settings.xml server named by serverId, else
     * DB_USER from the environment or {@code .env}, else the driver's default.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.user")
    private String user;

    /**
     * Database password. Prefer serverId (a settings.xml server, its password encrypted with
     * {@code mvn --encrypt-password}) to a password in the POM. When not set: the property
     * {@code hotgigs.password} ({@code -Dhotgigs.password} or a project property; read by the plugin itself,
     * so that {@code mvn -X} does not print it), else the server's password, else DB_PASSWORD from the
     * environment or {@code .env}. Never logged.
     *
     * @since 2.0.0
     */
    @Parameter
    private String password;

    /**
     * Id of a server entry in settings.xml (servers/server/id) whose username and password connect to
     * the database; encrypted passwords are decrypted with settings-security.xml. user and password,
     * when set, win over it.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.serverId")
    private String serverId;

    /**
     * Schema that holds the history table; created when missing.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.schema", defaultValue = MigratorConfig.DEFAULT_SCHEMA)
    private String schema;

    /**
     * Name of the history table, one row per migration attempt.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.table", defaultValue = MigratorConfig.DEFAULT_TABLE)
    private String table;

    /**
     * Where the migrations are, comma separated: {@code classpath:db/hotgigs} (the hotgigs-schema jar as a
     * dependency of the plugin, or the project's own resources and dependencies) and/or
     * {@code filesystem:DIRECTORY}, relative to the project's base directory.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.locations", defaultValue = MigratorConfig.DEFAULT_LOCATION)
    private List<String> locations;

    /**
     * How a script that declares no transaction mode runs: {@code per-migration} (its statements and its
     * history row in one transaction) or {@code none} (each statement on its own, outside a transaction,
     * the script's own BEGIN/COMMIT blocks honoured, the history row after the last statement). A script's
     * own directive ({@code -- hotgigs:transaction ...}, goose's, sqlx's, dbmate's, Atlas's) wins.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.transactionMode", defaultValue = MigratorConfig.DEFAULT_TRANSACTION_MODE)
    private String transactionMode;

    /**
     * Values of the {@code ${name}} placeholders in scripts, one element per name (an {@code app_role} element holding {@code hotgigs_app}, say);
     * {@code -Dhotgigs.placeholders.NAME=value} sets or overrides one. Values of names ending in password,
     * secret, token or key are never logged. Every goal reads them: a repeatable's checksum, which says
     * whether it is outdated, is taken over its text with the values in, and callbacks use them too.
     *
     * @since 2.0.0
     */
    @Parameter
    private Map<String, String> placeholders;

    /**
     * False leaves every script's {@code ${...}} as written.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.placeholderReplacement", defaultValue = "true")
    private boolean placeholderReplacement;

    /**
     * Skip the goal, touching no database.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.skip", defaultValue = "false")
    private boolean skip;

    /** The project's base directory: filesystem: locations and the {@code .env} file are relative to it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File baseDirectory;

    /** Resolves the project's runtime dependencies when a classpath: location needs them. */
    @Inject
    private ProjectDependenciesResolver dependenciesResolver;

    /** The project's classes directory; while it does not exist, resources are read from their source directories. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true)
    private File outputDirectory;

    /** The project's resource directories, used for classpath: locations until the project is built. */
    @Parameter(defaultValue = "${project.build.resources}", readonly = true)
    private List<Resource> resources;

    /** The Maven settings, for the server named by serverId. */
    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    /** The build, for the hotgigs.url and hotgigs.password properties. */
    @Parameter(defaultValue = "${session}", readonly = true)
    private MavenSession session;

    /** The project, for the properties hotgigs:start exported to it. */
    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    /** This goal's execution, for the check of its boolean parameters. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    @Inject
    private SettingsDecrypter settingsDecrypter;

    /** Resolves the embedded PostgreSQL when a goal's comparison needs one. */
    @Inject
    private RepositorySystem repositorySystem;

    /** The process environment; a field so tests can give their own. */
    Map<String, String> environment = System.getenv();

    private URLClassLoader projectClassLoader;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BooleanParameters.check(session, mojoExecution);
        if (skip) {
            getLog().info(SKIP_MESSAGE);
            return;
        }
        try {
            run();
        } catch (MigrationFailedException | ValidationException | SchemaDifferenceException | TargetsFailedException e) {
            throw withEngineCause(new MojoFailureException(e.getMessage()), e);
        } catch (MigrationException e) {
            throw withEngineCause(new MojoExecutionException(e.getMessage()), e);
        } finally {
            closeProjectClassLoader();
        }
    }

    /**
     * Keeps the engine's exception for {@code mvn -e} without making it the cause: Maven appends every
     * cause's message to the build failure, which would repeat the driver's text after the engine's
     * complete one.
     */
    private static <T extends Exception> T withEngineCause(T mojoException, MigrationException engine) {
        mojoException.addSuppressed(engine);
        return mojoException;
    }

    /**
     * The goal's work. Engine exceptions may pass through: a failed migration or validation fails the
     * build, anything else (configuration, connection, lock) is an execution error.
     */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** The engine configuration these parameters resolve to; see the class comment for the order. */
    protected MigratorConfig configuration() throws MojoExecutionException {
        return configuration(UnaryOperator.identity());
    }

    /** The same, with the settings only one goal has applied by {@code goalSettings}. */
    protected MigratorConfig configuration(UnaryOperator<MigratorConfig.Builder> goalSettings) throws MojoExecutionException {
        BuildProperties properties = new BuildProperties(session, project);
        String url = firstSet(this.url, properties.get("hotgigs.url"));
        warnIfStartedServerIsPassedOver(url);
        String password = firstSet(this.password, properties.get("hotgigs.password"));
        List<String> locations = this.locations == null ? List.of() : Locations.split(this.locations);
        new StaleCopies(baseDirectory, outputDirectory, resources).check(locations);
        ServerCredentials server = ServerCredentials.lookup(serverId, settings, settingsDecrypter);
        DatabaseEnvironment fallback = needsEnvironment(url, password, server)
                ? DatabaseEnvironment.read(environment, baseDirectory.toPath())
                : null;
        return goalSettings.apply(MigratorConfig.builder()
                .url(firstSet(url, fallback == null ? null : fallback.url()))
                .user(firstSet(user, server.user(), fallback == null ? null : fallback.user()))
                .password(firstSet(password, server.password(), fallback == null ? null : fallback.password()))
                .schema(schema)
                .table(table)
                .locations(locations)
                .transactionMode(transactionMode)
                .baseDirectory(baseDirectory.toPath())
                .classLoader(projectClassLoader(locations))
                .placeholders(PlaceholderValues.of(placeholders, session == null ? null : session.getUserProperties()))
                .placeholderReplacement(placeholderReplacement))
                .build();
    }

    /**
     * A {@code -Dhotgigs.url} (or the goal's {@code <url>}) wins over the address {@code hotgigs:start} exported, as
     * every property given on the command line does; one left in {@code .mvn/maven.config} or {@code MAVEN_OPTS}
     * would then migrate another database than the server this build started, so the build says so.
     */
    private void warnIfStartedServerIsPassedOver(String url) {
        if (project == null || project.getContextValue(StartMojo.EXPORTED_KEY) == null) {
            return;
        }
        String started = project.getProperties().getProperty("hotgigs.url");
        if (started != null && url != null && !started.equals(url)) {
            getLog().warn("hotgigs:start started a PostgreSQL for this module at " + JdbcUrl.describeTarget(started)
                    + ", but this goal uses " + JdbcUrl.describeTarget(url) + (this.url != null ? " (the goal's <url>)"
                    : " (-Dhotgigs.url, or a system property)") + ": the started server is not the one it works on. "
                    + "Remove that setting (look in .mvn/maven.config and MAVEN_OPTS too) to use the started server.");
        }
    }

    /** Whether hotgigs.skip is set, for callers that ask before {@link #execute()} (a site report). */
    protected boolean skipped() {
        return skip;
    }

    /**
     * Where a file kept beside the migrations goes ({@code hotgigs.sum}): the first location's directory, for
     * a {@code classpath:} location the project's resource directory that holds it.
     */
    protected Path besideMigrations(String fileName) {
        List<String> configured = this.locations == null ? List.of() : Locations.split(this.locations);
        String first = configured.isEmpty() ? MigratorConfig.DEFAULT_LOCATION : configured.get(0);
        Path base = baseDirectory.toPath();
        if (first.startsWith("filesystem:")) {
            return base.resolve(first.substring("filesystem:".length())).resolve(fileName);
        }
        String path = first.substring("classpath:".length()).replaceAll("^/+", "");
        List<Path> directories = resources == null ? List.of()
                : resources.stream().map(r -> base.resolve(r.getDirectory())).toList();
        return directories.stream().filter(d -> Files.isDirectory(d.resolve(path))).findFirst()
                .or(() -> directories.stream().findFirst())
                .orElse(base.resolve("src/main/resources"))
                .resolve(path).resolve(fileName);
    }

    /**
     * A goal that reads no database runs once, whatever targets are named: it says so, so that nobody takes
     * its result for one per target.
     *
     * @param targetsNamed whether hotgigs.schemas, hotgigs.databases or hotgigs.targetsQuery is set
     */
    protected void noteTargetsDoNotApply(String goal, boolean targetsNamed) {
        if (targetsNamed) {
            getLog().info("Targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery) do not apply to hotgigs:" + goal
                    + ", which reads no database: it runs once, on the migrations");
        }
    }

    /** Whether the build's properties name targets, for a goal that does not declare the target parameters. */
    protected boolean targetsNamedInProperties() {
        BuildProperties properties = new BuildProperties(session, project);
        return Stream.of("hotgigs.schemas", "hotgigs.databases", "hotgigs.targetsQuery")
                .map(properties::get).anyMatch(value -> !isBlank(value));
    }

    /** Where the embedded PostgreSQL's library and binaries come from, for goals that compare with one. */
    protected EmbeddedArtifacts embeddedArtifacts() {
        return new EmbeddedArtifacts(repositorySystem, session);
    }

    /** The build's session, for goals that read more of its properties. */
    protected MavenSession session() {
        return session;
    }

    protected static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** The Maven log as the report package's {@link BuildLog}. */
    protected BuildLog buildLog() {
        Log log = getLog();
        return new BuildLog() {
            @Override
            public void info(String line) {
                log.info(line);
            }

            @Override
            public void warn(String line) {
                log.warn(line);
            }
        };
    }

    private boolean needsEnvironment(String url, String password, ServerCredentials server) {
        return isBlank(url) || isBlank(firstSet(user, server.user())) || isBlank(firstSet(password, server.password()));
    }

    /**
     * The plugin's class loader, joined by the project's classes and runtime dependencies when a
     * classpath: location may find migrations there; only then are the dependencies resolved.
     */
    private ClassLoader projectClassLoader(List<String> locations) throws MojoExecutionException {
        ClassLoader pluginLoader = getClass().getClassLoader();
        if (locations.stream().noneMatch(location -> location.startsWith("classpath:"))) {
            return pluginLoader;
        }
        List<String> classpath = new ArrayList<>();
        if (outputDirectory != null) {
            classpath.add(outputDirectory.getPath());
        }
        if (project != null && !project.getDependencies().isEmpty()) {
            ProjectDependencies.resolve(dependenciesResolver, project, session).forEach(file -> classpath.add(file.getPath()));
        }
        List<File> entries = ProjectClasspath.entries(classpath, outputDirectory, resources);
        if (entries.isEmpty()) {
            return pluginLoader;
        }
        projectClassLoader = ProjectClasspath.classLoader(entries, pluginLoader);
        return projectClassLoader;
    }

    private void closeProjectClassLoader() {
        if (projectClassLoader != null) {
            try {
                projectClassLoader.close();
            } catch (IOException e) {
                getLog().debug("Could not close the project class loader: " + e.getMessage());
            }
            projectClassLoader = null;
        }
    }

    static String firstSet(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
