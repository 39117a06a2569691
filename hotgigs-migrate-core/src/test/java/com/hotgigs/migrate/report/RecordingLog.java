package com.hotgigs.migrate.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A BuildLog that keeps every line with its level, e.g. "[INFO] Applied ..."; the engine's watching thread writes to it too. */
public final class RecordingLog implements BuildLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String line) {
        lines.add("[INFO] " + line);
    }

    @Override
    public void warn(String line) {
        lines.add("[WARNING] " + line);
    }

    /** The lines so far, as a copy: the engine may add more while the caller reads them. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
