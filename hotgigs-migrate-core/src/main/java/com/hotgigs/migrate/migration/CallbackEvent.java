package com.hotgigs.migrate.migration;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a callback script runs, named as Flyway names its SQL callbacks so a Flyway project's
 * files work as they are: {@code afterMigrate.sql}, or {@code afterMigrate__grants.sql} with a
 * description.
 */
public enum CallbackEvent {
    /** Once per migrate, holding the lock, before the first pending migration; in a transaction of its own. */
    BEFORE_MIGRATE("beforeMigrate"),
    /** Before each migration, versioned or repeatable, in that migration's transaction. */
    BEFORE_EACH_MIGRATE("beforeEachMigrate"),
    /** After each migration's statements, in that migration's transaction, before its history row. */
    AFTER_EACH_MIGRATE("afterEachMigrate"),
    /** After a migration failed and was rolled back, in a transaction of its own. */
    AFTER_EACH_MIGRATE_ERROR("afterEachMigrateError"),
    /** Once per migrate that succeeded, applied something or not, in a transaction of its own. */
    AFTER_MIGRATE("afterMigrate"),
    /** Once per migrate that failed while applying, in a transaction of its own. */
    AFTER_MIGRATE_ERROR("afterMigrateError"),
    /** Before validate reads the history; in a read-only transaction, rolled back. */
    BEFORE_VALIDATE("beforeValidate"),
    /** After validate, passed or not; in a read-only transaction, rolled back. */
    AFTER_VALIDATE("afterValidate"),
    /** Before status reads the history; read-only, rolled back. Flyway's beforeInfo is the same. */
    BEFORE_STATUS("beforeStatus", "beforeInfo"),
    /** After status; read-only, rolled back. Flyway's afterInfo is the same. */
    AFTER_STATUS("afterStatus", "afterInfo");

    /** Flyway's other callback names: recognised so that such a file is warned about by name, never run. */
    private static final Set<String> FLYWAY_ONLY = Set.of("beforeRepeatables", "beforeEachMigrateStatement",
            "afterEachMigrateStatement", "afterEachMigrateStatementError", "afterMigrateApplied", "afterVersioned",
            "beforeClean", "afterClean", "afterCleanError", "afterInfoError", "afterValidateError", "beforeBaseline",
            "afterBaseline", "afterBaselineError", "beforeRepair", "afterRepair", "afterRepairError", "beforeUndo",
            "beforeEachUndo", "afterEachUndo", "afterEachUndoError", "afterUndo", "afterUndoError", "createSchema",
            "beforeCreateSchema", "beforeConnect", "afterConnect");

    private final List<String> names;

    CallbackEvent(String... names) {
        this.names = List.of(names);
    }

    /** The file name's event part, as users write it. */
    public String fileName() {
        return names.get(0);
    }

    public boolean readOnly() {
        return this == BEFORE_VALIDATE || this == AFTER_VALIDATE || this == BEFORE_STATUS || this == AFTER_STATUS;
    }

    /** The event a file's base name (without {@code .sql} and {@code __description}) names; exact case, as Flyway reads it. */
    public static Optional<CallbackEvent> named(String baseName) {
        return Arrays.stream(values()).filter(event -> event.names.contains(baseName)).findFirst();
    }

    /**
     * Whether a base name looks meant as a callback: one of Flyway's names we do not run, or any
     * name starting with before or after in any case (a typo such as {@code afterMigrat}).
     */
    public static boolean looksLikeCallback(String baseName) {
        String lower = baseName.toLowerCase(Locale.ROOT);
        return FLYWAY_ONLY.contains(baseName) || lower.startsWith("before") || lower.startsWith("after");
    }

    public static boolean isFlywayOnly(String baseName) {
        return FLYWAY_ONLY.contains(baseName);
    }

    /** Every name a callback file may have, for messages. */
    public static String known() {
        return Arrays.stream(values()).flatMap(event -> event.names.stream()).collect(Collectors.joining(", "));
    }
}
