package com.hotgigs.migrate.maven;

import com.hotgigs.migrate.Fleet;
import com.hotgigs.migrate.FleetResult;
import com.hotgigs.migrate.MigratorConfig;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;
import com.hotgigs.migrate.plan.Plan;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A dry run: writes to {@code plan.sql} what migrate, with the same run settings, would send for the pending
 * migrations, in order: the lock, the session settings (lock_timeout included), each migration's
 * transaction, each statement with its file and line, the history rows, with lint findings next to
 * their statement. Reads the history; writes nothing to the database and takes no lock. On several
 * targets, a plan per target of what is pending there, beside planFile and named after the target
 * ({@code plan-tenant_001.sql}).
 *
 * @since 2.0.0
 */
@Mojo(name = "plan", threadSafe = true)
public class PlanMojo extends AbstractApplyingMojo {

    /**
     * Where the plan goes.
     *
     * @since 2.0.0
     */
    @Parameter(property = "hotgigs.planFile", defaultValue = "${project.build.directory}/hotgigs/plan.sql")
    private File planFile;

    /** Migrate's run settings; failOnLint does not apply to a plan, whose findings sit beside their statements. */
    @Override
    protected MigratorConfig configuration() throws MojoExecutionException {
        return configuration(builder -> runSettings(builder, false));
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        // Before anything can fail: a plan that fails must not leave the last run's plan for CI to show as this one.
        remove(planFile);
        MigratorConfig config = configuration();
        long started = System.nanoTime();
        TargetRun<Plan> run = onTargets("plan", config, Fleet::plan, (target, plan) -> write(plan, perTarget(planFile, target)));
        TargetOutcome<Plan> single = run.single();
        if (single == null) {
            removeFailedTargetsPlans(run.result());
            failIfAny(run.result(), result -> null);
            return;
        }
        if (single.failed()) {
            throw single.failure();
        }
        Plan plan = single.result();
        long engineMs = elapsedMs(started);
        write(plan, planFile);
        getLog().info("hotgigs: plan of " + plan.migrations() + (plan.migrations() == 1 ? " migration" : " migrations") + ", "
                + plan.statements() + (plan.statements() == 1 ? " statement" : " statements") + ", " + plan.findings()
                + (plan.findings() == 1 ? " lint finding" : " lint findings") + " in " + engineMs + " ms; nothing was applied");
    }

    /** A target that failed, or never started, has no plan of this run: not the one an earlier run wrote either. */
    private void removeFailedTargetsPlans(FleetResult<Plan> result) throws MojoExecutionException {
        for (TargetOutcome<Plan> outcome : result.outcomes()) {
            if (outcome.failed()) {
                remove(perTarget(planFile, outcome.target()));
            }
        }
        for (Target target : result.notStarted()) {
            remove(perTarget(planFile, target));
        }
    }

    private static void remove(File file) throws MojoExecutionException {
        try {
            Files.deleteIfExists(file.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("Could not remove the earlier plan " + file + ": " + e + ". Delete it, or check "
                    + "hotgigs.planFile and that its directory is writable, and run plan again.", e);
        }
    }

    private void write(Plan plan, File file) throws MojoExecutionException {
        try {
            Files.createDirectories(file.toPath().toAbsolutePath().getParent());
            Files.writeString(file.toPath(), plan.sql(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the plan " + file + ": " + e
                    + ". Check hotgigs.planFile and that its directory is writable.", e);
        }
        getLog().info("Wrote the plan to " + file);
    }
}
