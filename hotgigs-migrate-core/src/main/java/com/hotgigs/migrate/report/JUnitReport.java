package com.hotgigs.migrate.report;

import com.hotgigs.migrate.MigrateResult;
import com.hotgigs.migrate.MigrationException;
import com.hotgigs.migrate.MigrationFailedException;
import com.hotgigs.migrate.MigrationInfo;
import com.hotgigs.migrate.MigrationState;
import com.hotgigs.migrate.StatusReport;
import com.hotgigs.migrate.ValidationException;
import com.hotgigs.migrate.ValidationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A goal's outcome as a JUnit XML report ({@code TEST-hotgigs.<goal>.xml}, the format of Ant and
 * Surefire that Jenkins, GitLab and GitHub show as test results): one test case per migration, so
 * a failed migration appears the way a failed test does, with its file, line and the server's
 * message. Applied migrations pass, pending ones are skipped, and edited, missing, failed or
 * out-of-order ones fail. When the goal could not look at the migrations at all (no connection, a
 * bad setting, a lock timeout) the report holds one errored case named after the goal.
 */
public final class JUnitReport {

    private final String goal;
    private final String target;
    private final StatusLike status;
    private final List<JUnitCase> cases;
    private final LocalDateTime timestamp = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);

    private JUnitReport(String goal, StatusLike status, List<JUnitCase> cases) {
        this(goal, null, status, cases);
    }

    private JUnitReport(String goal, String target, StatusLike status, List<JUnitCase> cases) {
        this.goal = goal;
        this.target = target;
        this.status = status;
        this.cases = List.copyOf(cases);
    }

    /**
     * The same report as one target's of a fleet: its suite is named for the target
     * ({@code hotgigs.migrate.tenant_001}), and so is its file ({@code TEST-hotgigs.migrate.tenant_001.xml}),
     * so that a CI server shows one suite per target.
     */
    public JUnitReport forTarget(String targetName) {
        return new JUnitReport(goal, targetName, status, cases);
    }

    /** A target a fleet did not start (failFast stopped it after a failure): one skipped case, named after the goal. */
    public static JUnitReport ofNotStarted(String goal) {
        return new JUnitReport(goal, new StatusLike(null, null, null),
                List.of(JUnitCase.skipped(goal, "Not started: hotgigs.failFast stopped the fleet after another target failed")));
    }

    /** A migrate run that succeeded: what it applied passes with its time, what lies beyond the target is skipped. */
    public static JUnitReport ofMigrate(MigrateResult result) {
        Set<String> appliedNow = new HashSet<>();
        Map<String, Long> times = new LinkedHashMap<>();
        for (MigrationInfo applied : result.applied()) {
            appliedNow.add(applied.displayName());
            times.put(applied.displayName(), applied.executionTimeMs() == null ? 0L : applied.executionTimeMs());
        }
        List<JUnitCase> cases = new ArrayList<>();
        for (MigrationInfo migration : result.migrations()) {
            String name = migration.displayName();
            cases.add(switch (migration.state()) {
                case APPLIED -> JUnitCase.passed(name, times.getOrDefault(name, 0L), applied(migration, appliedNow.contains(name)));
                case PENDING -> JUnitCase.skipped(name, "Pending: beyond the target version, not applied in this run");
                case FAILED -> JUnitCase.skipped(name, "Its last attempt failed; beyond the target version, not retried in this run");
                default -> JUnitCase.failed(name, migration.state().name(), "Migration " + name + " is " + migration.state(), null);
            });
        }
        return new JUnitReport("migrate", new StatusLike(result.database(), result.schema(), result.currentVersion()), cases);
    }

    /**
     * A migrate run that stopped: a migration failed while running, or validation found problems
     * before anything was applied.
     *
     * @param after the status read after the failure, or null when it could not be read
     */
    public static JUnitReport ofFailedMigrate(StatusReport after, MigrationException failure) {
        if (after == null || !(failure instanceof MigrationFailedException || failure instanceof ValidationException)) {
            return ofError("migrate", failure);
        }
        List<String> problems = failure instanceof ValidationException validation ? validation.problems() : List.of();
        String notRun = failure instanceof MigrationFailedException
                ? "Not applied: an earlier migration failed, which stopped the run"
                : "Not applied: validation failed, so nothing was applied";
        List<JUnitCase> cases = new ArrayList<>();
        List<String> unclaimed = new ArrayList<>(problems);
        for (MigrationInfo migration : after.migrations()) {
            String name = migration.displayName();
            String problem = claim(unclaimed, migration);
            if (problem != null) {
                cases.add(JUnitCase.failed(name, migration.state().name(), problem, problem));
            } else if (failure instanceof MigrationFailedException failed && isTheFailedOne(failed, migration)) {
                cases.add(failedCase(failed, migration));
            } else {
                cases.add(switch (migration.state()) {
                    case APPLIED -> JUnitCase.passed(name, 0, applied(migration, false));
                    case PENDING, FAILED -> JUnitCase.skipped(name, notRun);
                    default -> JUnitCase.failed(name, migration.state().name(), "Migration " + name + " is " + migration.state(), null);
                });
            }
        }
        unclaimed.forEach(problem -> cases.add(JUnitCase.failed("validation", "VALIDATION_FAILED", problem, problem)));
        return new JUnitReport("migrate", StatusLike.of(after), cases);
    }

    /** A validate run: each migration passes, fails with the problem found in it, or (pending) is skipped. */
    public static JUnitReport ofValidate(ValidationReport report) {
        List<String> unclaimed = new ArrayList<>(report.problems());
        List<JUnitCase> cases = new ArrayList<>();
        for (MigrationInfo migration : report.status().migrations()) {
            String name = migration.displayName();
            String problem = claim(unclaimed, migration);
            if (problem != null) {
                cases.add(JUnitCase.failed(name, migration.state().name(), problem, problem).at(migration.script(), 0, 0));
            } else if (migration.state() == MigrationState.PENDING) {
                cases.add(JUnitCase.skipped(name, "Pending: not applied yet"));
            } else {
                cases.add(JUnitCase.passed(name, 0, applied(migration, false)));
            }
        }
        unclaimed.forEach(problem -> cases.add(JUnitCase.failed("validation", "VALIDATION_FAILED", problem, problem)));
        return new JUnitReport("validate", StatusLike.of(report.status()), cases);
    }

    /** The goal could not look at the migrations: one errored case, named after the goal, with the whole message. */
    public static JUnitReport ofError(String goal, MigrationException failure) {
        JUnitCase error = new JUnitCase(goal, null, 0, 0, JUnitCase.Outcome.ERROR, firstLine(failure.getMessage()),
                failure.code().name(), failure.getMessage());
        return new JUnitReport(goal, new StatusLike(null, null, null), List.of(error));
    }

    /**
     * {@code TEST-hotgigs.migrate.xml} or {@code TEST-hotgigs.validate.xml}; for a target, its name before
     * {@code .xml}, characters a file name cannot hold (a URL target's {@code :} and {@code /}) as {@code _}.
     */
    public String fileName() {
        return "TEST-hotgigs." + goal + (target == null ? "" : "." + target.replaceAll("[^A-Za-z0-9._-]", "_")) + ".xml";
    }

    /** Writes the report into the directory, creating it, replacing an earlier report of the same goal. */
    public Path write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        return file;
    }

    public String render() {
        String suite = "hotgigs." + goal + (target != null ? "." + target : status.database() == null ? "" : "." + status.database());
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"").append(XmlText.escape(suite)).append('"')
                .append(" tests=\"").append(cases.size()).append('"')
                .append(" failures=\"").append(count(JUnitCase.Outcome.FAILED)).append('"')
                .append(" errors=\"").append(count(JUnitCase.Outcome.ERROR)).append('"')
                .append(" skipped=\"").append(count(JUnitCase.Outcome.SKIPPED)).append('"')
                .append(" time=\"").append(seconds(cases.stream().mapToLong(JUnitCase::timeMs).sum())).append('"')
                .append(" timestamp=\"");
        IsoTime.appendLocalDateTime(xml, timestamp);
        xml.append("\">\n");
        xml.append("  <properties>\n");
        property(xml, "target", target);
        property(xml, "database", status.database());
        property(xml, "schema", status.schema());
        property(xml, "currentVersion", status.currentVersion());
        xml.append("  </properties>\n");
        String classname = XmlText.escape(suite);
        cases.forEach(testCase -> testCase(xml, classname, testCase));
        return xml.append("</testsuite>\n").toString();
    }

    /** @param classname the suite's name, escaped */
    private static void testCase(StringBuilder xml, String classname, JUnitCase testCase) {
        xml.append("  <testcase name=\"").append(XmlText.escape(testCase.name())).append('"')
                .append(" classname=\"").append(classname).append('"')
                .append(" time=\"").append(seconds(testCase.timeMs())).append('"');
        if (testCase.file() != null) {
            xml.append(" file=\"").append(XmlText.escape(testCase.file())).append('"');
        }
        if (testCase.line() > 0) {
            xml.append(" line=\"").append(testCase.line()).append('"');
        }
        xml.append(">\n");
        switch (testCase.outcome()) {
            case FAILED, ERROR -> {
                String element = testCase.outcome() == JUnitCase.Outcome.FAILED ? "failure" : "error";
                xml.append("    <").append(element).append(" message=\"").append(XmlText.escape(testCase.message())).append('"')
                        .append(" type=\"").append(XmlText.escape(testCase.type())).append("\">")
                        .append(XmlText.escape(testCase.detail() == null ? testCase.message() : testCase.detail()))
                        .append("</").append(element).append(">\n");
            }
            case SKIPPED -> xml.append("    <skipped message=\"").append(XmlText.escape(testCase.message())).append("\"/>\n");
            case PASSED -> {
                if (testCase.detail() != null) {
                    xml.append("    <system-out>").append(XmlText.escape(testCase.detail())).append("</system-out>\n");
                }
            }
        }
        xml.append("  </testcase>\n");
    }

    private static JUnitCase failedCase(MigrationFailedException failed, MigrationInfo migration) {
        String type = failed.sqlState() == null ? failed.code().name() : "SQLSTATE " + failed.sqlState();
        long ranMs = migration.executionTimeMs() == null ? 0 : migration.executionTimeMs();
        // The first two lines say where it failed and what the server said; the rest (the statement,
        // what remains, how to retry) is in the body.
        String[] lines = failed.getMessage().split("\\R", 3);
        String message = lines.length > 1 ? lines[0] + " " + lines[1] : lines[0];
        return JUnitCase.failed(migration.displayName(), type, message, failed.getMessage())
                .at(withoutPrefix(failed.script()), failed.line(), ranMs);
    }

    private static boolean isTheFailedOne(MigrationFailedException failed, MigrationInfo migration) {
        return migration.state() == MigrationState.FAILED && failed.script() != null
                && (failed.script().equals(migration.script()) || failed.script().endsWith("/" + migration.script()));
    }

    /** The first problem that names the migration (every problem starts "Migration VERSION_NAME " or "Migration R__NAME "), taken off the list. */
    private static String claim(List<String> problems, MigrationInfo migration) {
        String prefix = "Migration " + migration.displayName() + " ";
        for (int i = 0; i < problems.size(); i++) {
            if (problems.get(i).startsWith(prefix)) {
                return problems.remove(i);
            }
        }
        return null;
    }

    private static String applied(MigrationInfo migration, boolean inThisRun) {
        StringBuilder text = new StringBuilder(inThisRun ? "Applied in this run" : "Applied");
        if (!inThisRun && migration.installedOn() != null) {
            IsoTime.appendOffsetDateTime(text.append(" on "), migration.installedOn());
        }
        if (migration.installedBy() != null) {
            text.append(" by ").append(migration.installedBy());
        }
        if (migration.executionTimeMs() != null) {
            text.append(" in ").append(migration.executionTimeMs()).append(" ms");
        }
        return text.toString();
    }

    /** A filesystem: location names a path relative to the project, which is what a CI server can link to. */
    private static String withoutPrefix(String source) {
        return source != null && source.startsWith("filesystem:") ? source.substring("filesystem:".length()) : source;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).stripTrailing();
    }

    private long count(JUnitCase.Outcome outcome) {
        return cases.stream().filter(testCase -> testCase.outcome() == outcome).count();
    }

    private static void property(StringBuilder xml, String name, String value) {
        if (value != null) {
            xml.append("    <property name=\"").append(name).append("\" value=\"").append(XmlText.escape(value)).append("\"/>\n");
        }
    }

    /**
     * Milliseconds as seconds with three decimals, as {@code String.format("%.3f")} prints them, without
     * the formatter: a thousand cases once each, in a JVM that has not compiled it yet, cost tens of milliseconds.
     */
    static String seconds(long ms) {
        long absolute = Math.abs(ms);
        long fraction = absolute % 1000;
        return (ms < 0 ? "-" : "") + absolute / 1000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /** What the suite's properties say about the database, whichever result it came from. */
    private record StatusLike(String database, String schema, String currentVersion) {
        static StatusLike of(StatusReport report) {
            return new StatusLike(report.database(), report.schema(), report.currentVersion());
        }
    }
}
