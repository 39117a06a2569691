package com.hotgigs.migrate.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded server a sample build started, as hotgigs:start announced it in the build log, and
 * the check that nothing of it outlived the build: data directory, processes, port.
 */
public record StartedServer(String version, String url, int port, Path dataDirectory) {

    private static final Pattern STARTED = Pattern.compile(
            "Started PostgreSQL (\\d+\\.\\d+) at (jdbc:postgresql://localhost:(\\d+)/hotgigs_db) \\(data in (.+)\\)");

    public static StartedServer in(String buildLog) {
        Matcher started = STARTED.matcher(buildLog);
        if (!started.find()) {
            throw new AssertionError("expected a \"Started PostgreSQL\" line in the build log; it was:\n" + buildLog);
        }
        return new StartedServer(started.group(1), started.group(2), Integer.parseInt(started.group(3)),
                Path.of(started.group(4).strip()));
    }

    /** Every server the build log announces, in order (a build of several modules may start several). */
    public static List<StartedServer> all(String buildLog) {
        List<StartedServer> servers = new ArrayList<>();
        Matcher started = STARTED.matcher(buildLog);
        while (started.find()) {
            servers.add(new StartedServer(started.group(1), started.group(2), Integer.parseInt(started.group(3)),
                    Path.of(started.group(4).strip())));
        }
        return servers;
    }

    /** The line hotgigs:stop, or Maven's exit, prints when it stopped this server. */
    public String stoppedLine() {
        return "Stopped PostgreSQL " + version + " at " + url;
    }

    public void assertGone() {
        if (Files.exists(dataDirectory)) {
            throw new AssertionError("data directory left behind: " + dataDirectory);
        }
        List<String> leftovers = processesUsing(dataDirectory.toString());
        if (!leftovers.isEmpty()) {
            throw new AssertionError("postgres still running on " + dataDirectory + ": pids " + leftovers);
        }
        try (Socket ignored = new Socket("localhost", port)) {
            throw new AssertionError("something still listens on port " + port);
        } catch (ConnectException expected) {
            // Nothing listens: the server is gone.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Processes whose command line names the directory, where /proc tells; none elsewhere. */
    private static List<String> processesUsing(String directory) {
        Path processes = Path.of("/proc");
        if (!Files.isDirectory(processes)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(processes)) {
            return entries.filter(entry -> entry.getFileName().toString().matches("\\d+"))
                    .filter(entry -> commandLine(entry).contains(directory))
                    .map(entry -> entry.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commandLine(Path process) {
        try {
            return Files.readString(process.resolve("cmdline"));
        } catch (IOException | UncheckedIOException e) {
            // The process ended while the list was read, or is not ours to read.
            return "";
        }
    }
}
