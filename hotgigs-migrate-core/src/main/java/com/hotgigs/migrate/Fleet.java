package com.hotgigs.migrate;

import com.hotgigs.migrate.connection.WorkerConnections;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.plan.Plan;
import com.hotgigs.migrate.schema.SharedReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs a goal on every target of a {@link FleetConfig}, a bounded number at once, and returns one
 * outcome per target: a failed target does not stop the others unless failFast is set. Each target
 * is one {@link Migrator} run with that target's configuration, so it has its own history table and
 * its own migration lock; one target is simply a fleet of one.
 *
 * <p>Connections: a worker runs one target at a time, and a run holds at most two connections, the
 * one that takes the lock and applies the migrations and the one that watches it (or, before the
 * lock, the transaction-pooler probe's second connection); so a fleet never holds more than twice
 * its parallelism (the targets query's connection is closed before any target starts). A worker
 * keeps both for its next target on the same URL ({@link WorkerConnections}), and probes each URL once.
 *
 * <p>Two processes on the same fleet share the work: a migrate run first tries each target's lock
 * without waiting, leaves a target whose lock another run holds for later, and comes back to it,
 * waiting as configured, once it has tried all the others. Each migration is applied once per
 * target, by whichever run holds that target's lock.
 */
public final class Fleet {

    private final FleetConfig config;
    private final FleetListener listener;
    private List<Target> targets;
    private int unshardedCount;

    public Fleet(FleetConfig config) {
        this(config, FleetListener.NONE);
    }

    public Fleet(FleetConfig config, FleetListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * The targets this process works on: the named ones, then the query's, in that order, checked, and
     * limited to the shard. Read once; every goal of this fleet uses the same list.
     *
     * @throws ConfigurationException a target is named twice or is not valid, or the targets query failed or found none
     */
    public synchronized List<Target> targets() {
        if (targets == null) {
            List<Target> all = new ArrayList<>(config.targets());
            int named = all.size();
            if (config.targetsQuery() != null) {
                all.addAll(TargetsQuery.run(config.base(), config.targetsQuery()));
            }
            if (all.isEmpty()) {
                all.add(Target.configured());
            }
            refuseInvalidOrTwice(all, named);
            unshardedCount = all.size();
            targets = config.shard() == null ? List.copyOf(all) : all.stream().filter(config.shard()::includes).toList();
        }
        return targets;
    }

    /** How many targets the whole fleet has, every shard's together; {@link #targets()} reads them first. */
    public synchronized int unshardedCount() {
        targets();
        return unshardedCount;
    }

    /**
     * Migrates every target; see {@link Migrator#migrate()} for what one run does. Targets that are
     * baselined first (baselineOnMigrate) share the reference servers, as {@link #baseline()} does.
     */
    public FleetResult<MigrateResult> migrate() {
        return comparing(Migrator::migrate, true, false);
    }

    /** Reads every target's status. */
    public FleetResult<StatusReport> status() {
        return run(Migrator::status, false, false, config.base());
    }

    /** Reads every target's status and tables, for its report page. */
    public FleetResult<DatabaseReport> report() {
        return run(Migrator::report, false, false, config.base());
    }

    /** Validates every target; a report that is not valid is the target's result, not a failure. */
    public FleetResult<ValidationReport> validate(boolean failOnPending) {
        return run(migrator -> migrator.validate(failOnPending), false, false, config.base());
    }

    /**
     * Baselines every target, each compared with the migrations replayed (unless verification is off)
     * and under its own lock; a target whose schema differs fails alone. See {@link #comparing} for the
     * reference servers. Each outcome carries the target's status read afterwards.
     */
    public FleetResult<BaselineResult> baseline() {
        return comparing(Migrator::baseline, true, true);
    }

    /**
     * Compares every target's schema with the one its own applied migrations build; a drifted target
     * is a result, not a failure ({@link DriftReport#clean()}). See {@link #comparing} for the reference servers.
     */
    public FleetResult<DriftReport> drift() {
        return comparing(Migrator::drift, false, true);
    }

    /** Repairs every target's history, each under its own lock; each outcome carries the status read afterwards. */
    public FleetResult<RepairResult> repair() {
        return run(Migrator::repair, true, true, config.base());
    }

    /** Plans, for every target, what migrate would send for the migrations pending there. */
    public FleetResult<Plan> plan() {
        return run(Migrator::plan, false, true, config.base());
    }

    /** Lints, for every target, the migrations pending there ({@link Migrator#lintPending()}). */
    public FleetResult<LintReport> lint() {
        return run(Migrator::lintPending, false, true, config.base());
    }

    /**
     * A goal that may compare schemas: with several targets, one reference server per major version is
     * started for all of them, on the first comparison, and each target's migrations are replayed into
     * a database of their own there (what a target should have depends on its own history and schema,
     * so the replay is not shared, the server start is). Stopped when the goal is done.
     */
    private <R> FleetResult<R> comparing(Function<Migrator, R> goal, boolean migrates, boolean statusAfterSuccess) {
        MigratorConfig base = config.base();
        if (targets().size() <= 1) {
            return run(goal, migrates, statusAfterSuccess, base);
        }
        try (SharedReference shared = new SharedReference(base.baseline().reference())) {
            return run(goal, migrates, statusAfterSuccess,
                    base.toBuilder().baseline(base.baseline().withReference(shared)).build());
        }
    }

    /**
     * @param migrates           whether the goal takes locks and writes: its targets' locks are tried first, and a
     *                           failed one's status read
     * @param statusAfterSuccess whether each target's status is read after the goal (for the table and the JSON
     *                           when the goal's result does not say where the target stands); only with several
     *                           targets unless the goal writes
     * @param base               the configuration every target's starts from
     */
    private <R> FleetResult<R> run(Function<Migrator, R> goal, boolean migrates, boolean statusAfterSuccess, MigratorConfig base) {
        List<Target> all = targets();
        listener.starting(all);
        long started = System.nanoTime();
        Work<R> work = new Work<>(all, goal, migrates, statusAfterSuccess && (migrates || all.size() > 1), base);
        int workers = Math.min(config.parallelism(), all.size());
        if (workers <= 1) {
            work.drain();
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Thread thread = new Thread(work::drain, "hotgigs-fleet-" + (i + 1));
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
            joinAll(threads, work);
        }
        RuntimeException unexpected = work.unexpected.get();
        if (unexpected != null) {
            throw unexpected;
        }
        List<TargetOutcome<R>> outcomes = new ArrayList<>();
        List<Target> notStarted = new ArrayList<>();
        for (Target target : all) {
            TargetOutcome<R> outcome = work.outcomes.get(target);
            if (outcome == null) {
                notStarted.add(target);
            } else {
                outcomes.add(outcome);
            }
        }
        return new FleetResult<>(outcomes, notStarted, (System.nanoTime() - started) / 1_000_000);
    }

    private static void joinAll(List<Thread> threads, Work<?> work) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // Stop starting targets; those running finish, so none is left half done.
                    interrupted = true;
                    work.stop.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** @param named how many of {@code all}, first, the configuration names; the rest are the targets query's rows */
    private void refuseInvalidOrTwice(List<Target> all, int named) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            Target target = all.get(i);
            checkValid(target, i >= named);
            Integer earlier = seen.putIfAbsent(target.identity(config.base()), i);
            if (earlier != null) {
                Target first = all.get(earlier);
                String firstFrom = namedIn(first, earlier >= named);
                String from = namedIn(target, i >= named);
                throw new ConfigurationException(ErrorCode.DUPLICATE_TARGET, "The target " + target.name() + " is named twice"
                        + (first.name().equals(target.name()) ? "" : " (also as " + first.name() + ")") + " in "
                        + (firstFrom.equals(from) ? from : firstFrom + " and " + from)
                        + ". Nothing was migrated. Name each target once.");
            }
        }
    }

    /** A row of the targets query that cannot be a target is the query's fault, and the message says so. */
    private void checkValid(Target target, boolean fromQuery) {
        try {
            target.configure(config.base());
        } catch (ConfigurationException e) {
            if (!fromQuery) {
                throw e;
            }
            String expected = target.kind() == Target.Kind.SCHEMA
                    ? "a schema target is a plain PostgreSQL identifier (letters, digits, _ and $, starting with a letter or _) "
                            + "of at most 63 bytes, and not one of the server's own schemas (pg_..., information_schema)"
                    : "a database target is a database name of letters, digits, '_', '$', '.' and '-', or a JDBC URL";
            throw new ConfigurationException(e.code(), "The targets query (hotgigs.targetsQuery) returned '" + target.value()
                    + "', which cannot be a target: " + expected + ". Nothing was migrated. Fix the query, or the row it read.", e);
        }
    }

    private static String namedIn(Target target, boolean fromQuery) {
        if (fromQuery) {
            return "the targets query's rows";
        }
        return target.kind() == Target.Kind.SCHEMA ? "hotgigs.schemas" : "hotgigs.databases";
    }

    /** The targets still to do and what became of the others, shared by the workers. */
    private final class Work<R> {
        private final Queue<Target> queue;
        private final Queue<Target> busy = new ConcurrentLinkedQueue<>();
        private final Function<Migrator, R> goal;
        private final boolean migrates;
        private final boolean tryLocksFirst;
        private final boolean statusAfterSuccess;
        private final MigratorConfig base;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<RuntimeException> unexpected = new AtomicReference<>();
        private final Map<Target, TargetOutcome<R>> outcomes = new ConcurrentHashMap<>();
        /** Shared only by several targets: one run's scripts are prepared once anyway, and kept no longer than it needs them. */
        private final ScriptCache scripts;

        Work(List<Target> targets, Function<Migrator, R> goal, boolean migrates, boolean statusAfterSuccess, MigratorConfig base) {
            this.queue = new ConcurrentLinkedQueue<>(targets);
            this.goal = goal;
            this.migrates = migrates;
            this.statusAfterSuccess = statusAfterSuccess;
            this.base = base;
            // With one target there is nothing else to do meanwhile.
            this.tryLocksFirst = migrates && targets.size() > 1;
            this.total = targets.size();
            this.scripts = total > 1 ? ScriptCache.shared() : ScriptCache.none();
        }

        void drain() {
            try (WorkerConnections worker = total > 1 ? WorkerConnections.forWorker() : WorkerConnections.NONE) {
                while (!stop.get()) {
                    Target target = queue.poll();
                    boolean firstTry = target != null && tryLocksFirst;
                    if (target == null) {
                        target = busy.poll();
                    }
                    if (target == null) {
                        return;
                    }
                    runOne(target, firstTry, worker);
                }
            } catch (RuntimeException | Error e) {
                // Not a failure of a target but of the engine: stop the fleet and let the caller see it.
                stop.set(true);
                unexpected.compareAndSet(null, e instanceof RuntimeException r ? r : new IllegalStateException(e));
            }
        }

        private void runOne(Target target, boolean firstTry, WorkerConnections worker) {
            long started = System.nanoTime();
            MigratorConfig targetConfig = target.configure(base);
            TargetListener targetListener = new TargetListener(listener.forTarget(target), !firstTry);
            TargetOutcome<R> outcome;
            try {
                MigratorConfig attempt = firstTry ? targetConfig.toBuilder().lockWait(Duration.ZERO).build() : targetConfig;
                R result = goal.apply(new Migrator(attempt, targetListener, scripts, worker));
                StatusReport after = statusAfterSuccess ? statusAfter(targetConfig, scripts, worker) : null;
                outcome = new TargetOutcome<>(target, result, null, after, targetListener.applied(), elapsedMs(started));
            } catch (LockTimeoutException e) {
                if (firstTry) {
                    // Another run is on this target now: do the others first, then wait for it.
                    busy.add(target);
                    return;
                }
                outcome = failed(target, e, null, targetListener, started);
            } catch (MigrationFailedException | ValidationException e) {
                outcome = failed(target, e, migrates ? statusAfter(targetConfig, scripts, worker) : null, targetListener, started);
            } catch (MigrationException e) {
                // Connecting, configuration, the lock: nothing ran, and reading the status would fail the same way.
                outcome = failed(target, e, null, targetListener, started);
            }
            outcomes.put(target, outcome);
            if (outcome.failed() && config.failFast()) {
                stop.set(true);
            }
            tellFinished(outcome);
        }

        /** One at a time, so the progress lines' counts come out in order: 3/50 is never told before 2/50. */
        private synchronized void tellFinished(TargetOutcome<R> outcome) {
            listener.finished(outcome, done.incrementAndGet(), total);
        }

        private TargetOutcome<R> failed(Target target, MigrationException failure, StatusReport after, TargetListener counted,
                                        long started) {
            return new TargetOutcome<>(target, null, failure, after, counted.applied(), elapsedMs(started));
        }
    }

    /** What a failed target looks like now, for the report; null when even that cannot be read. */
    private static StatusReport statusAfter(MigratorConfig targetConfig, ScriptCache scripts, WorkerConnections worker) {
        try {
            return new Migrator(targetConfig, MigrationListener.NONE, scripts, worker).status();
        } catch (MigrationException e) {
            // The target's own failure is what the report gives; a second one adds nothing.
            return null;
        }
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
