package com.hotgigs.migrate.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Tables a script or a run created, which no running application reads yet. Two names are the same
 * table when their last parts are and their schemas do not differ: without a schema, a name is found
 * on the search_path, which lint does not know, so it is taken to be the table of that name that was
 * created; {@code staging.jobs} and {@code public.jobs}, both written out, are two tables.
 */
final class CreatedTables {

    /** The schema a name was created without. */
    private static final String UNQUALIFIED = "";

    /** The schemas each last part was created in, {@link #UNQUALIFIED} for a name written without one. */
    private final Map<String, Set<String>> schemasByName = new HashMap<>();

    void add(Words.Name table) {
        schemasByName.computeIfAbsent(table.name(), name -> new HashSet<>()).add(schemaOf(table));
    }

    void addAll(CreatedTables other) {
        other.schemasByName.forEach((name, schemas) -> schemasByName.computeIfAbsent(name, n -> new HashSet<>()).addAll(schemas));
    }

    boolean contains(Words.Name table) {
        Set<String> schemas = schemasByName.get(table.name());
        if (schemas == null) {
            return false;
        }
        return table.schema() == null || schemas.contains(UNQUALIFIED) || schemas.contains(table.schema());
    }

    private static String schemaOf(Words.Name table) {
        return table.schema() == null ? UNQUALIFIED : table.schema();
    }
}
