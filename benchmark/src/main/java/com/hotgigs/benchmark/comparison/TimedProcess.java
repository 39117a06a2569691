package com.hotgigs.benchmark.comparison;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command to completion under GNU time, for its wall-clock time, the peak resident
 * memory of its process (the {@code mvn} script execs the JVM, so that is Maven's JVM) and the CPU
 * time it used (user and system, all its threads), which other work on the machine disturbs less
 * than the wall-clock time.
 */
final class TimedProcess {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path workDirectory;

    TimedProcess(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    record Outcome(long wallMs, long peakRssKb, long cpuMs, String output) {
        double peakRssMb() {
            return peakRssKb / 1024.0;
        }
    }

    static void requireGnuTime() {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IllegalStateException("GNU time is needed at " + GNU_TIME + " to read peak memory: apt-get install time");
        }
    }

    Outcome run(List<String> command, Map<String, String> environment) {
        try {
            Path rssFile = Files.createTempFile(workDirectory, "rss", ".txt");
            Path outputFile = Files.createTempFile(workDirectory, "output", ".log");
            List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%M %U %S", "-o", rssFile.toString()));
            timed.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(timed).directory(workDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(outputFile.toFile());
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            int exit = builder.start().waitFor();
            long wallMs = (System.nanoTime() - started) / 1_000_000;
            String output = Files.readString(outputFile, StandardCharsets.UTF_8);
            String rss = Files.readString(rssFile).strip();
            Files.delete(rssFile);
            Files.delete(outputFile);
            if (exit != 0) {
                throw new IllegalStateException("Command failed with exit " + exit + ": " + String.join(" ", command)
                        + System.lineSeparator() + tail(output));
            }
            // GNU time's line is the last: for a command that failed it writes the exit status first.
            String[] figures = rss.lines().reduce((a, b) -> b).orElseThrow().strip().split(" ");
            long cpuMs = Math.round((Double.parseDouble(figures[1]) + Double.parseDouble(figures[2])) * 1000);
            return new Outcome(wallMs, Long.parseLong(figures[0]), cpuMs, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command, e);
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
