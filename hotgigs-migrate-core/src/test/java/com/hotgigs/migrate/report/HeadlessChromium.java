package com.hotgigs.migrate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, run headless on a local file: the DOM after the page's scripts ran, what the
 * page wrote to its console (uncaught script errors included: Chromium logs them to stderr as
 * {@code CONSOLE} lines), and a screenshot. Each run gets a new, empty profile and no network
 * services, so nothing but the page is loaded.
 */
final class HeadlessChromium {

    private static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    /** What one visit of a page saw. */
    record Visit(String dom, List<String> console) {
    }

    private final Path workDirectory;

    HeadlessChromium(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /**
     * Fails, naming the fix, when chromium is not installed: the browser test is part of the suite,
     * and CI installs the package (.ci/run), so a missing browser must not pass unnoticed.
     */
    static void requireInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new AssertionError("The report's browser test needs Debian's chromium at " + EXECUTABLE
                    + ": install it with 'apt-get install chromium' (.ci/run does this when it is missing).");
        }
    }

    /** Opens the page, lets its scripts run, and returns the DOM and the console's lines. */
    Visit visit(Path page) {
        Path stderr = workDirectory.resolve("chromium-visit.log");
        String dom = run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()), stderr);
        List<String> console = new ArrayList<>();
        for (String line : read(stderr)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Visit(dom, console);
    }

    /** Saves a PNG of the page, {@code width} by {@code height} pixels. */
    void screenshot(Path page, Path png, int width, int height) {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars",
                page.toUri().toString()), workDirectory.resolve("chromium-screenshot.log"));
    }

    private String run(List<String> arguments, Path stderr) {
        try {
            Files.createDirectories(workDirectory);
            Path profile = Files.createTempDirectory(workDirectory, "profile-");
            List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(arguments);
            Path stdout = workDirectory.resolve("chromium-stdout.txt");
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": " + String.join("\n", read(stderr)));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while chromium ran", e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
