package com.hotgigs.migrate.report;

import com.hotgigs.migrate.FleetListener;
import com.hotgigs.migrate.MigrationListener;
import com.hotgigs.migrate.Target;
import com.hotgigs.migrate.TargetOutcome;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a fleet's progress: each target's own events as {@link ProgressLog} tells them, prefixed
 * with the target's name when there are several, and one line per finished target
 * ({@link FleetReport#progressLine}). A fleet of one logs exactly what a single run always has.
 */
public final class FleetLog implements FleetListener {

    private final BuildLog log;
    private volatile boolean many;
    private final Map<Target, ProgressLog> progress = new ConcurrentHashMap<>();

    public FleetLog(BuildLog log) {
        this.log = log;
    }

    @Override
    public void starting(List<Target> targets) {
        many = targets.size() > 1;
    }

    @Override
    public MigrationListener forTarget(Target target) {
        return progress(target);
    }

    /** The one progress log of a target, for the warnings of its result that were not told during the run. */
    public ProgressLog progress(Target target) {
        return progress.computeIfAbsent(target, t -> new ProgressLog(many ? prefixed(t.name() + ": ") : log));
    }

    @Override
    public void finished(TargetOutcome<?> outcome, int done, int total) {
        if (many) {
            String line = FleetReport.progressLine(outcome, done, total);
            synchronized (log) {
                if (FleetReport.failed(outcome)) {
                    log.warn(line);
                } else {
                    log.info(line);
                }
            }
        }
    }

    /** Lines of one target, each whole (the workers' lines interleave, never their characters). */
    private BuildLog prefixed(String prefix) {
        return new BuildLog() {
            @Override
            public void info(String line) {
                synchronized (log) {
                    log.info(prefix + line);
                }
            }

            @Override
            public void warn(String line) {
                synchronized (log) {
                    log.warn(prefix + line);
                }
            }
        };
    }
}
