package com.hotgigs.migrate.migration;

import java.util.List;

/**
 * Everything the locations hold, checked and ordered.
 *
 * @param versioned   in version order
 * @param repeatables in the order they are applied: by name, each after the ones its {@code -- hotgigs:after} names
 * @param callbacks   in file name order
 * @param warnings    files that are not run, each a sentence naming the file (a callback-like name we do not know)
 */
public record LocalScripts(List<Migration> versioned, List<Migration> repeatables, List<Callback> callbacks,
                           List<String> warnings) {

    public LocalScripts {
        versioned = List.copyOf(versioned);
        repeatables = List.copyOf(repeatables);
        callbacks = List.copyOf(callbacks);
        warnings = List.copyOf(warnings);
    }

    public List<Callback> callbacks(CallbackEvent event) {
        return callbacks.stream().filter(callback -> callback.event() == event).toList();
    }
}
