package com.hotgigs.migrate.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier migrations left that a later rule can rely on: the validated {@code CHECK (col IS NOT
 * NULL)} constraints that let {@code SET NOT NULL} skip its scan. A script's own facts count only for
 * the scripts after it: within one transaction the check's validation holds the same lock.
 */
final class SchemaFacts {

    /** "table.column" of validated not-null checks, from finished scripts. */
    private final Set<String> validatedNotNull = new HashSet<>();
    private final Set<String> validatedInScript = new HashSet<>();
    /** Tables an earlier migration of the same run created: no application reads them yet. */
    private final CreatedTables createdThisRun = new CreatedTables();
    /** Not-null checks added NOT VALID, by constraint name: "table.column". */
    private final Map<String, String> notValidChecks = new HashMap<>();

    void checkAddedNotValid(String constraint, String table, String column) {
        notValidChecks.put(constraint, table + "." + column);
    }

    void checkValidated(String table, String column) {
        validatedInScript.add(table + "." + column);
    }

    void validated(String constraint) {
        String column = notValidChecks.remove(constraint);
        if (column != null) {
            validatedInScript.add(column);
        }
    }

    boolean hasValidatedCheck(String table, String column) {
        return validatedNotNull.contains(table + "." + column);
    }

    void tablesCreatedThisRun(CreatedTables tables) {
        createdThisRun.addAll(tables);
    }

    boolean createdThisRun(Words.Name table) {
        return createdThisRun.contains(table);
    }

    /** The script is done: what it validated holds for the scripts after it. */
    void scriptFinished() {
        validatedNotNull.addAll(validatedInScript);
        validatedInScript.clear();
    }
}
