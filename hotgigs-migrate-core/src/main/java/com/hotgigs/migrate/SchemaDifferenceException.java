package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.SchemaDifference;

import java.util.List;

/**
 * The database's schema is not the one its migrations build: a verified baseline refused to record
 * anything. Every difference is listed.
 */
public class SchemaDifferenceException extends MigrationException {

    private final List<SchemaDifference> differences;

    public SchemaDifferenceException(String message, List<SchemaDifference> differences) {
        super(ErrorCode.SCHEMA_DIFFERS, message + list(differences));
        this.differences = List.copyOf(differences);
    }

    private static String list(List<SchemaDifference> differences) {
        StringBuilder text = new StringBuilder();
        differences.forEach(difference -> text.append(System.lineSeparator()).append("  - ").append(difference.describe()));
        return text.toString();
    }

    public List<SchemaDifference> differences() {
        return differences;
    }
}
