package com.hotgigs.migrate.report;

/** Where a caller's rendered lines go: a build tool's log, a console, a test's list. */
public interface BuildLog {

    void info(String line);

    void warn(String line);
}
