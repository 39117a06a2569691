package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.FleetConfig;
import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.Shard;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.TargetsFailedException;
import com.hotgigs.migrate.connection.JdbcUrl;
import com.hotgigs.migrate.report.FleetJson;
import com.hotgigs.migrate.report.FleetLog;
import com.hotgigs.migrate.report.FleetReport;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The goals that run on targets (every goal that reads a database): the parameters that name the
 * targets (hotgigs.schemas, hotgigs.databases, hotgigs.targetsQuery) and say how to run on them
 * (parallelism, failFast, shard, reportFile), and the one way a goal runs on them, through the
 * engine's {@link Fleet}. Without targets a goal runs on the configured database: a fleet of one.
 * manifest, lint and check, which read no database, do not declare these; targets named in the build's
 * properties get one line from them saying that targets do not apply.
 */
public abstract class AbstractFleetMojo extends AbstractHotgigsMojo {

    /**
     * Tenant schemas in the configured database to run the goal on, comma separated, e.g.
     * {@code tenant_001,tenant_002}: each has its own history table, and its migrations run with it as
     * {@code search_path} and as {@code ${hotgigs:schema}}. Not set: the configured schema alone.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.schemas")
    private List<String> schemas;

    /**
     * Databases to run the goal on, comma separated: names of databases on the configured server, or JDBC URLs;
     * the configured credentials and schema serve for all.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.databases")
    private List<String> databases;

    /**
     * SQL run on the configured database whose first column names more targets, e.g.
     * {@code SELECT schema_name FROM tenants WHERE active}: schema names, or database names when the column is
     * called datname, database or database_name; values starting with jdbc: are URLs.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.targetsQuery")
    private String targetsQuery;

    /**
     * How many targets are worked on at once, 1 to 32; each takes up to two connections.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.parallelism", defaultValue = "" + FleetConfig.DEFAULT_PARALLELISM)
    private int parallelism;

    /**
     * Stop starting targets once one has failed; by default the others go on and the build fails at the end.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.failFast", defaultValue = "false")
    private boolean failFast;

    /**
     * This job's share of the targets, {@code i/n} (e.g. {@code 2/3}), for a CI matrix of n jobs: a stable split
     * by each target's name, so the jobs never overlap.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.shard")
    private String shard;

    /**
     * Where the JSON report of a run on several targets goes (formatVersion, one entry per target). Not set: only
     * a run on several targets writes it, to {@code target/hotgigs-reports/GOAL-targets.json} (e.g. migrate-targets.json).
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.reportFile")
    private File reportFile;

    /** The build directory, where a fleet's JSON report goes by default. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    private File buildDirectory;

    /**
     * Runs a goal on the targets these parameters name (the configured database alone when none), logging
     * which; for several, also each finished target, the table of all and the JSON report.
     *
     * @param goal the goal's name, for the report
     * @param work the goal, run on the fleet
     * @see #onTargets(String, MigratorConfig, Function, TargetDetails)
     */
    protected <R> TargetRun<R> onTargets(String goal, MigratorConfig base, Function<Fleet, FleetResult<R>> work)
            throws MojoExecutionException {
        return onTargets(goal, base, work, (target, result) -> { });
    }

    /** What a goal tells of one target's result on several targets, before the table: its lines, the files it wrote. */
    @FunctionalInterface
    protected interface TargetDetails<R> {
        void tell(Target target, R result) throws MojoExecutionException;
    }

    /**
     * The same, telling on several targets each good target's result by {@code details} (its lines prefixed
     * with the target's name, the files written for it) before the table.
     */
    protected <R> TargetRun<R> onTargets(String goal, MigratorConfig base, Function<Fleet, FleetResult<R>> work,
                                         TargetDetails<R> details) throws MojoExecutionException {
        FleetConfig fleetConfig = new FleetConfig(base, targets(), targetsQuery, parallelism, failFast, Shard.parse(shard));
        FleetLog progress = new FleetLog(buildLog());
        Fleet fleet = new Fleet(fleetConfig, progress);
        List<Target> targets = fleet.targets();
        logTargets(base, fleetConfig, fleet, targets);
        if (targets.isEmpty()) {
            return new TargetRun<>(new FleetResult<>(List.of(), List.of(), 0), progress);
        }
        File report = reportFile != null ? reportFile : targets.size() > 1 ? defaultReport(goal) : null;
        if (report != null) {
            requireWritable(report);
        }
        FleetResult<R> result = work.apply(fleet);
        if (targets.size() > 1) {
            for (TargetOutcome<R> outcome : result.outcomes()) {
                if (!outcome.failed()) {
                    details.tell(outcome.target(), outcome.result());
                }
            }
            FleetReport.table(result).forEach(getLog()::info);
            writeReport(goal, result, report);
            getLog().info(FleetReport.summary(result));
        } else if (report != null) {
            writeReport(goal, result, report);
        }
        return new TargetRun<>(result, progress);
    }

    /** What a goal did on its targets, and the progress log each target's run told its events to. */
    protected record TargetRun<R>(FleetResult<R> result, FleetLog progress) {

        /** The one target's outcome, for a goal that reports a fleet of one as a single run. */
        TargetOutcome<R> single() {
            return result.outcomes().size() == 1 && result.notStarted().isEmpty() ? result.outcomes().get(0) : null;
        }
    }

    private List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        named("schemas", schemas).forEach(name -> targets.add(Target.schema(name)));
        named("databases", databases).forEach(name -> targets.add(Target.database(name)));
        return targets;
    }

    /**
     * The names a target list holds; a list that is set but names nothing is refused, so that an empty CI
     * variable in {@code -Dhotgigs.schemas=$TENANTS} does not turn a fleet run into a run on the configured database.
     */
    private List<String> named(String setting, List<String> configured) {
        // Maven gives -Dhotgigs.schemas= as no list at all, and -Dhotgigs.schemas=, as elements that name nothing.
        boolean given = configured != null && !configured.isEmpty();
        if (!given && !givenAsProperty("hotgigs." + setting)) {
            return List.of();
        }
        List<String> names = given ? Locations.split(configured) : List.of();
        if (names.isEmpty()) {
            throw new ConfigurationException(ErrorCode.NO_TARGETS, ConfigurationException.setting(setting) + " is set but "
                    + "names no target. Nothing was run. Name them, comma separated, or leave it unset to run on the "
                    + "configured database.");
        }
        return names;
    }

    private boolean givenAsProperty(String property) {
        MavenSession session = session();
        return session != null && (session.getUserProperties().containsKey(property) || session.getSystemProperties().containsKey(property));
    }

    private void logTargets(MigratorConfig base, FleetConfig fleetConfig, Fleet fleet, List<Target> targets) {
        // The driver takes a user parameter of the URL over the configured user: the log names the one it connects as.
        String user = JdbcUrl.loginUser(base.url(), base.user());
        String as = user == null ? "" : " as " + user;
        if (!fleetConfig.namesTargets() || targets.size() == 1 && fleetConfig.shard() == null) {
            MigratorConfig config = targets.get(0).configure(base);
            getLog().info("Database " + JdbcUrl.redact(config.url()) + as + ", history table " + config.schema() + "." + config.table());
            return;
        }
        String share = fleetConfig.shard() == null ? "" : ", shard " + fleetConfig.shard() + " of " + fleet.unshardedCount();
        getLog().info(targets.size() + (targets.size() == 1 ? " target" : " targets") + share + " from " + JdbcUrl.redact(base.url()) + as
                + ", history table " + base.table() + " in each, " + Math.min(parallelism, Math.max(1, targets.size())) + " at once");
        if (targets.isEmpty()) {
            getLog().info("hotgigs: shard " + fleetConfig.shard() + " holds none of the " + fleet.unshardedCount()
                    + " targets; nothing to do");
        }
    }

    private File defaultReport(String goal) {
        return new File(buildDirectory, "hotgigs-reports/" + goal + "-targets.json");
    }

    /** A report that cannot be written is found before any target is worked on, not after all were. */
    private static void requireWritable(File report) throws MojoExecutionException {
        Path directory = report.getAbsoluteFile().toPath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new MojoExecutionException(cannotWrite(report, e) + " Nothing was run.", e);
        }
        if (!Files.isWritable(directory) || Files.isDirectory(report.toPath())) {
            throw new MojoExecutionException("Could not write the report file " + report + ": "
                    + (Files.isDirectory(report.toPath()) ? "it is a directory" : "its directory " + directory + " is not writable")
                    + ". Check hotgigs.reportFile. Nothing was run.");
        }
    }

    /** Once the targets were worked on, their failures are what the build reports: a report that failed too is only told. */
    private void writeReport(String goal, FleetResult<?> result, File file) throws MojoExecutionException {
        try {
            FleetJson.write(goal, result, file.toPath());
        } catch (IOException e) {
            if (!result.succeeded()) {
                getLog().error(cannotWrite(file, e));
                return;
            }
            throw new MojoExecutionException(cannotWrite(file, e), e);
        }
        getLog().info("Wrote the report of every target to " + file);
    }

    private static String cannotWrite(File file, IOException e) {
        return "Could not write the report file " + file + ": " + e + ". Check hotgigs.reportFile and that its directory is writable.";
    }

    /** Whether targets are named at all, even when this shard holds none of them. */
    protected boolean namesTargets() {
        return !targets().isEmpty() || (targetsQuery != null && !targetsQuery.isBlank());
    }

    /**
     * Where a file a goal writes per target goes when it runs on several: beside the one it writes for a
     * single target, named after the target ({@code plan.sql} becomes {@code plan-tenant_001.sql}).
     */
    static File perTarget(File single, Target target) {
        String name = single.getName();
        int dot = name.lastIndexOf('.');
        String safe = target.name().replaceAll("[^A-Za-z0-9._-]", "_");
        String perTarget = dot <= 0 ? name + "-" + safe : name.substring(0, dot) + "-" + safe + name.substring(dot);
        return new File(single.getParentFile(), perTarget);
    }

    /**
     * Several targets: fails the build naming each target that failed, or whose result the goal counts as a
     * failure ({@code problem} says why, or null for a good result), once the table and the report are written.
     * For every goal but migrate, whose re-run applies only what is pending.
     */
    protected static <R> void failIfAny(FleetResult<R> result, Function<R, String> problem) {
        List<String> failures = new ArrayList<>();
        for (TargetOutcome<R> outcome : result.outcomes()) {
            String why = outcome.failed() ? outcome.failure().getMessage() : problem.apply(outcome.result());
            if (why != null) {
                failures.add(outcome.target().name() + ": " + why);
            }
        }
        if (!failures.isEmpty() || !result.notStarted().isEmpty()) {
            throw new TargetsFailedException(failures, result.outcomes().size() + result.notStarted().size(),
                    result.notStarted().stream().map(Target::name).toList(), "Fix them and run the goal again.");
        }
    }
}
