package com.hotgigs.migrate.lint;

/**
 * One statement a rule warns about.
 *
 * @param rule      the rule
 * @param migration the migration's display name, e.g. {@code 003_index_candidates}
 * @param source    where the file is (location and script), for messages
 * @param script    the location-relative file name, as recorded in history
 * @param line      the statement's first line in the file
 * @param statement the statement's first words
 * @param detail    what this statement does, in its own terms (the table, the column)
 */
public record LintFinding(LintRule rule, String migration, String source, String script, int line, String statement,
                          String detail) {

    /** The whole warning: where, which rule, what, why, and the safe way. */
    public String message() {
        return source + " line " + line + ": [" + rule.id() + "] " + detail + ". Why: " + rule.why() + ". Safe way: "
                + rule.safeWay() + ". To accept it, put '-- hotgigs:lint-ignore " + rule.id() + "' on the line before the statement.";
    }
}
