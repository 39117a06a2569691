package com.hotgigs.migrate;

import java.util.List;

/**
 * A goal failed on some targets of a fleet; the others went on (unless failFast) and are done.
 * The message names each failed target with its own failure, which gives the script and line.
 */
public class TargetsFailedException extends MigrationException {

    private final List<String> failures;

    /**
     * @param failures   "target: message" for each failed target
     * @param total      how many targets the fleet has
     * @param notStarted targets failFast left alone
     */
    public TargetsFailedException(List<String> failures, int total, List<String> notStarted) {
        this(failures, total, notStarted, "Fix them and run again: only what is still pending is applied.");
    }

    /** @param fix the message's last line: what to do, for the goal that failed (a re-run of migrate applies only what is pending) */
    public TargetsFailedException(List<String> failures, int total, List<String> notStarted, String fix) {
        super(ErrorCode.TARGETS_FAILED, message(failures, total, notStarted, fix));
        this.failures = List.copyOf(failures);
    }

    public List<String> failures() {
        return failures;
    }

    private static String message(List<String> failures, int total, List<String> notStarted, String fix) {
        StringBuilder message = new StringBuilder().append(failures.size()).append(" of ").append(total)
                .append(total == 1 ? " target" : " targets").append(" failed");
        message.append(notStarted.isEmpty() ? "; the others are done:" : "; hotgigs.failFast left " + notStarted.size()
                + " not started (" + String.join(", ", notStarted) + "):");
        failures.forEach(failure -> message.append(System.lineSeparator()).append("  - ").append(failure));
        return message.append(System.lineSeparator()).append(fix).toString();
    }
}
