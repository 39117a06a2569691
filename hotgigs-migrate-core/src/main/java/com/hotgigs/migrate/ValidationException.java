package com.hotgigs.migrate;

import java.util.List;

/** The applied migrations disagree with the local ones; nothing was applied. */
public class ValidationException extends MigrationException {

    private final List<String> problems;

    public ValidationException(List<String> problems) {
        super(ErrorCode.VALIDATION_FAILED, message(problems));
        this.problems = List.copyOf(problems);
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder("Validation failed, nothing was applied:");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
        return text.toString();
    }

    public List<String> problems() {
        return problems;
    }
}
