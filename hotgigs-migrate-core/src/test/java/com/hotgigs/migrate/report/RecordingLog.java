package com.hotgigs.migrate.report;

import java.util.ArrayList;
import java.util.List;

/** A BuildLog that keeps every line with its level, e.g. "[INFO] Applied ...". */
public final class RecordingLog implements BuildLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public void info(String line) {
        lines.add("[INFO] " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("[WARNING] " + line);
    }

    public List<String> lines() {
        return lines;
    }
}
