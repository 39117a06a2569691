package com.hotgigs.migrate.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a machine-readable report: its directory created, the file replaced whole, UTF-8. */
final class ReportFile {

    private ReportFile() {
    }

    static void write(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
