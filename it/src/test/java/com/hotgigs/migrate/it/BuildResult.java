package com.hotgigs.migrate.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a finished build left: its exit code and its log (standard output and error, as a user
 * sees them in a terminal or a CI job).
 */
public record BuildResult(List<String> command, int exitCode, Path logFile, String log) {

    private static final Pattern SUMMARY = Pattern.compile("^\\[INFO\\] (hotgigs: \\d+ applied, \\d+ pending, \\d+ failed.*)$");

    public List<String> lines() {
        return log.lines().toList();
    }

    public boolean succeeded() {
        return exitCode == 0 && log.contains("BUILD SUCCESS");
    }

    public boolean failed() {
        return exitCode != 0 && log.contains("BUILD FAILURE");
    }

    /** The lines that contain the text, in order. */
    public List<String> linesContaining(String text) {
        return lines().stream().filter(line -> line.contains(text)).toList();
    }

    public long count(String text) {
        return linesContaining(text).size();
    }

    /** The plugin's closing summary lines ("hotgigs: 2 applied, ..."), without the log level. */
    public List<String> summaries() {
        return lines().stream()
                .map(SUMMARY::matcher)
                .filter(Matcher::matches)
                .map(matcher -> matcher.group(1))
                .toList();
    }

    /**
     * The message Maven prints for a failed goal: from "Failed to execute goal" to the line that
     * ends with the help reference.
     */
    public String errorMessage() {
        List<String> lines = lines();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("[ERROR] Failed to execute goal")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return "";
        }
        StringBuilder message = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            message.append(lines.get(i)).append('\n');
            if (lines.get(i).endsWith("-> [Help 1]")) {
                break;
            }
        }
        return message.toString();
    }

    /**
     * The lines the plugin's goals wrote: from each goal's header to the next goal or the build's
     * end, leaving out what Maven itself prints there at debug level (class realms, the mojo's
     * configuration) before the goal starts.
     */
    public List<String> pluginLines() {
        List<String> pluginLines = new ArrayList<>();
        List<String> section = null;
        for (String line : lines()) {
            if (line.startsWith("[INFO] --- ") || line.startsWith("[INFO] BUILD ") || line.startsWith("[INFO] ---------")) {
                if (section != null) {
                    pluginLines.addAll(section);
                }
                section = line.startsWith("[INFO] --- hotgigs-migrate-maven-plugin:") ? new ArrayList<>() : null;
            } else if (section != null) {
                if (line.equals("[DEBUG] -- end configuration --")) {
                    section.clear();
                } else {
                    section.add(line);
                }
            }
        }
        if (section != null) {
            pluginLines.addAll(section);
        }
        return pluginLines;
    }

    /** True when the log shows a Java stack trace (Maven prints none for a goal failure without -e). */
    public boolean hasStackTrace() {
        return lines().stream().anyMatch(line -> line.startsWith("\tat ") || line.matches("^\\s+at [a-z][\\w.$]+\\(.*")
                || line.startsWith("Caused by: "));
    }

    /** For assertion messages: the command and the log, so a failing test shows what the build said. */
    public String describe() {
        return String.join(" ", command) + "\nexit code " + exitCode + ", log " + logFile + ":\n"
                + log.lines().map(line -> "  | " + line).collect(Collectors.joining("\n"));
    }
}
