package com.hotgigs.migrate.migration;

import java.util.Optional;

/** What a file in a location is, by its name alone. */
enum ScriptKind {
    VERSIONED,
    REPEATABLE,
    CALLBACK,
    /** Named like a callback (beforeX, afterX, Flyway's names) but not one that is run: warned about, not read. */
    UNKNOWN_CALLBACK,
    BADLY_NAMED;

    private static final String DESCRIPTION_SEPARATOR = "__";

    /** @param fileName a name ending in .sql */
    static ScriptKind of(String fileName) {
        String base = fileName.substring(0, fileName.length() - 4);
        if (base.startsWith(Migration.REPEATABLE_PREFIX)) {
            String name = base.substring(Migration.REPEATABLE_PREFIX.length());
            return name.isBlank() ? BADLY_NAMED : REPEATABLE;
        }
        if (MigrationFileName.parse(fileName).isPresent()) {
            return VERSIONED;
        }
        String event = eventPart(base);
        if (CallbackEvent.named(event).isPresent()) {
            return base.endsWith(DESCRIPTION_SEPARATOR) ? BADLY_NAMED : CALLBACK;
        }
        return CallbackEvent.looksLikeCallback(event) ? UNKNOWN_CALLBACK : BADLY_NAMED;
    }

    static String repeatableName(String fileName) {
        return fileName.substring(Migration.REPEATABLE_PREFIX.length(), fileName.length() - 4);
    }

    static Callback callback(String fileName, ScriptResource resource, ScriptText text) {
        String base = fileName.substring(0, fileName.length() - 4);
        String event = eventPart(base);
        String description = base.length() > event.length() ? base.substring(event.length() + DESCRIPTION_SEPARATOR.length()) : "";
        Optional<CallbackEvent> named = CallbackEvent.named(event);
        return new Callback(named.orElseThrow(), description, resource.script(), resource.location(), text);
    }

    private static String eventPart(String base) {
        int separator = base.indexOf(DESCRIPTION_SEPARATOR);
        return separator < 0 ? base : base.substring(0, separator);
    }
}
