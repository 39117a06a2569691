package com.hotgigs.migrate.report;

/**
 * One test case of a JUnit XML report: a migration (or, when the goal could not look at any, the
 * goal itself) and how it fared.
 *
 * @param name    the migration's display name, e.g. {@code 002_comprehensive_ats_system}
 * @param file    the file to point at, or null
 * @param line    the line in it, or 0
 * @param timeMs  how long it ran in this run; 0 when it did not run
 * @param outcome passed, failed, error or skipped
 * @param message for anything but passed: one line saying why
 * @param type    for failures and errors: the kind, e.g. {@code SQLSTATE 42703} or {@code CHECKSUM_MISMATCH}
 * @param detail  the whole text (a failure's complete message), or what a passed or skipped case has to say
 */
record JUnitCase(String name, String file, int line, long timeMs, Outcome outcome, String message, String type, String detail) {

    enum Outcome { PASSED, FAILED, ERROR, SKIPPED }

    static JUnitCase passed(String name, long timeMs, String detail) {
        return new JUnitCase(name, null, 0, timeMs, Outcome.PASSED, null, null, detail);
    }

    static JUnitCase skipped(String name, String message) {
        return new JUnitCase(name, null, 0, 0, Outcome.SKIPPED, message, null, null);
    }

    static JUnitCase failed(String name, String type, String message, String detail) {
        return new JUnitCase(name, null, 0, 0, Outcome.FAILED, message, type, detail);
    }

    JUnitCase at(String where, int atLine, long ranMs) {
        return new JUnitCase(name, where, atLine, ranMs, outcome, message, type, detail);
    }
}
