package com.hotgigs.migrate.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The build.log the invoker writes for a project, cut into one piece per invocation
 * (invoker.goals.1, .2, ...), each piece starting where Maven starts reading the project.
 */
public final class InvokerLog {

    private static final String START = "[INFO] Scanning for projects...";

    private InvokerLog() {
    }

    public static List<String> invocations(File buildLog) {
        String log;
        try {
            log = Files.readString(buildLog.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder current = null;
        // Maven resets the terminal colour even in batch mode; the escape is no part of the text.
        for (String line : log.replaceAll("\u001B\\[[0-9;]*m", "").lines().toList()) {
            if (line.equals(START)) {
                if (current != null) {
                    pieces.add(current.toString());
                }
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            pieces.add(current.toString());
        }
        return pieces;
    }

    /** Fails with the piece of log when the text is missing, so the verify script shows what the build said. */
    public static void assertContains(String invocation, String text) {
        if (!invocation.contains(text)) {
            throw new AssertionError("expected the build log to contain <" + text + ">; it was:\n" + invocation);
        }
    }

    public static void assertNotContains(String invocation, String text) {
        if (invocation.contains(text)) {
            throw new AssertionError("expected the build log not to contain <" + text + ">; it was:\n" + invocation);
        }
    }

    public static void assertNoStackTrace(String invocation) {
        if (invocation.lines().anyMatch(line -> line.matches("^\\s+at [\\w.$]+[.(].*") || line.startsWith("Caused by: "))) {
            throw new AssertionError("expected no stack trace in the build log; it was:\n" + invocation);
        }
    }

    /**
     * Fails on any warning in the whole log: Maven's (a deprecation, a model problem), a plugin's,
     * SLF4J's own lines (a deprecated logging property on Maven 4), and plugin validation naming
     * this plugin. Validation's report on other plugins is let pass: with verbose validation,
     * Maven 3.10 and 4 name Apache's own compiler, surefire, site and other plugins for their
     * Plexus components, which no project that uses them can change.
     */
    public static void assertNoWarnings(File buildLog) {
        List<String> lines;
        try {
            // Before "Scanning for projects" too: Maven and SLF4J warn as they start.
            lines = Files.readString(buildLog.toPath(), StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "").lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> warnings = new ArrayList<>();
        boolean validationReport = false;
        for (String line : lines) {
            boolean warning = line.startsWith("[WARNING]");
            if (line.matches("\\[WARNING\\] Plugin .*validation issues were detected in .*")) {
                validationReport = true;
            } else if (!warning) {
                validationReport = false;
            }
            boolean blank = line.strip().equals("[WARNING]");
            boolean ours = line.contains("com.hotgigs:");
            if ((warning && !blank && (!validationReport || ours)) || line.contains("SLF4J")) {
                warnings.add(line);
            }
        }
        if (!warnings.isEmpty()) {
            String version = lines.stream().filter(line -> line.startsWith("Apache Maven ")).findFirst()
                    .orElse("the log does not show Maven's version");
            throw new AssertionError("expected no warning in " + buildLog + " (" + version + "); it has:\n" + String.join("\n", warnings)
                    + "\nThe whole log:\n" + String.join("\n", lines));
        }
    }

    /** Asserts a whole line, e.g. the plugin's summary, as the log shows it. */
    public static void assertLine(String invocation, String line) {
        if (!invocation.lines().anyMatch(line::equals)) {
            throw new AssertionError("expected the build log to have the line <" + line + ">; it was:\n" + invocation);
        }
    }
}
