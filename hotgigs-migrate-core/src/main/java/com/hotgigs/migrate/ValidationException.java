package com.hotgigs.migrate;

import java.util.List;

/** The applied migrations disagree with the local ones; nothing was applied. */
public class ValidationException extends MigrationException {

    private final List<String> problems;

    public ValidationException(List<String> problems) {
        this(ErrorCode.VALIDATION_FAILED, "Validation failed, nothing was applied:", problems);
    }

    /** @param consequence what the failed validation stopped, for the heading: "the schema was not compared" */
    public ValidationException(List<String> problems, String consequence) {
        this(ErrorCode.VALIDATION_FAILED, "Validation failed, so " + consequence + ":", problems);
    }

    /** A kind of validation of its own, with the sentence that introduces its problems. */
    protected ValidationException(ErrorCode code, String heading, List<String> problems) {
        super(code, message(heading, problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(String heading, List<String> problems) {
        StringBuilder text = new StringBuilder(heading);
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
        return text.toString();
    }

    public List<String> problems() {
        return problems;
    }
}
