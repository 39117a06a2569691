package com.hotgigs.migrate.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A build that has been started and not yet awaited. */
public final class RunningBuild {

    /** Builds still running when the test JVM ends (a crash, a timeout of the whole run) die with it. */
    private static final Set<RunningBuild> ALIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(RunningBuild::killTree)));
    }

    private final List<String> command;
    private final Process process;
    private final Path logFile;
    private final Duration timeout;
    private final Instant started = Instant.now();

    RunningBuild(List<String> command, Process process, Path logFile, Duration timeout) {
        this.command = command;
        this.process = process;
        this.logFile = logFile;
        this.timeout = timeout;
        ALIVE.add(this);
    }

    public long pid() {
        return process.pid();
    }

    public String logSoFar() {
        return MavenBuild.read(logFile);
    }

    /**
     * Waits until the log says what the test waits for; fails if the build ends first or the
     * time runs out, so a test never waits on a build that will not get there.
     */
    public void awaitLog(Predicate<String> condition, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.test(logSoFar())) {
            if (!process.isAlive()) {
                throw new AssertionError("the build ended before its log showed what was awaited:\n" + await().describe());
            }
            if (Instant.now().isAfter(deadline)) {
                killTree();
                throw new AssertionError("the build's log did not show what was awaited within " + limit + ":\n" + logSoFar());
            }
            pause(100);
        }
    }

    /** kill -9 of the build: the Maven JVM and every process under it, at once. */
    public void killTree() {
        ALIVE.remove(this);
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public BuildResult await() {
        Duration left = timeout.minus(Duration.between(started, Instant.now()));
        try {
            if (!process.waitFor(Math.max(left.toMillis(), 0), TimeUnit.MILLISECONDS)) {
                killTree();
                throw new AssertionError("the build did not end within " + timeout + " and was killed: "
                        + String.join(" ", command) + "\n" + logSoFar());
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the build", e);
        }
        ALIVE.remove(this);
        return new BuildResult(command, process.exitValue(), logFile, logSoFar());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
