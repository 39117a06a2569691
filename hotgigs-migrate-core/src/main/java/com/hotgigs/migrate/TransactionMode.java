package com.hotgigs.migrate;

import java.util.Locale;

/**
 * How a migration's statements run relative to transactions and to its history row. A script
 * chooses with a directive before its first statement; {@link MigratorConfig#transactionMode()}
 * is the choice of every script that says nothing.
 */
public enum TransactionMode {
    /**
     * The default: the statements and the history row in one transaction, so applied and recorded
     * never disagree. A script wrapped in one {@code BEGIN ... COMMIT} block of its own runs its body so.
     */
    PER_MIGRATION("per-migration"),
    /**
     * Not a setting: how a script that controls its own transactions otherwise (several blocks, or
     * statements outside its block) runs, the way {@code psql -f} runs it. Not atomic with its history row.
     */
    AS_WRITTEN("as-written"),
    /**
     * Each statement on its own in autocommit, the script's own blocks honoured, the history row
     * after the last statement. Not atomic with its history row.
     */
    NONE("none");

    private final String word;

    TransactionMode(String word) {
        this.word = word;
    }

    /** How settings, directives and logs write it: {@code per-migration}, {@code as-written}, {@code none}. */
    public String word() {
        return word;
    }

    /** Whether the migration's history row is written in the same transaction as its statements. */
    public boolean atomicWithHistory() {
        return this == PER_MIGRATION;
    }

    /**
     * The mode a setting or directive names ({@code per-migration} or {@code none}, any case, '_' for
     * '-'), or null for any other word: {@link #AS_WRITTEN} is what a script's own transaction control
     * makes it, never chosen.
     */
    public static TransactionMode ofSetting(String value) {
        String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (word) {
            case "per-migration" -> PER_MIGRATION;
            case "none" -> NONE;
            default -> null;
        };
    }
}
