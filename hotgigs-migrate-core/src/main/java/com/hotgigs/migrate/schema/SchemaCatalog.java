package com.hotgigs.migrate.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/** The objects of one database's user schemas, keyed by kind and identity, as {@link CatalogReader} read them. */
public final class SchemaCatalog {

    private final Map<String, SchemaObject> objects;

    SchemaCatalog(List<SchemaObject> objects) {
        Map<String, SchemaObject> byKey = new TreeMap<>();
        objects.forEach(object -> byKey.put(object.displayName(), object));
        this.objects = Collections.unmodifiableMap(byKey);
    }

    /** The objects by {@link SchemaObject#displayName()}, sorted. */
    public Map<String, SchemaObject> objects() {
        return objects;
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    /**
     * The objects a schema is built of (tables, views, sequences, functions, types, ...), leaving out
     * schemas and extensions, which an empty database may have from its template or its provider.
     */
    public List<SchemaObject> builtObjects() {
        return objects.values().stream().filter(o -> !o.kind().equals("schema") && !o.kind().equals("extension")).toList();
    }

    /**
     * Every object on which the database ({@code found}) disagrees with this reference, sorted by
     * object: missing ones, ones that differ, and extra ones.
     */
    public List<SchemaDifference> compareWith(SchemaCatalog found) {
        List<SchemaDifference> differences = new ArrayList<>();
        objects.forEach((key, expected) -> {
            SchemaObject actual = found.objects.get(key);
            if (actual == null) {
                differences.add(new SchemaDifference(key, expected.definition(), null, false));
            } else if (!actual.definition().equals(expected.definition())) {
                differences.add(new SchemaDifference(key, expected.definition(), actual.definition(), false));
            }
        });
        Set<String> owners = new HashSet<>();
        objects.values().forEach(object -> owners.add(object.identity()));
        found.objects.forEach((key, actual) -> {
            if (!objects.containsKey(key)) {
                boolean partOfExpected = actual.owner() != null && owners.contains(actual.owner());
                differences.add(new SchemaDifference(key, null, actual.definition(), !partOfExpected));
            }
        });
        differences.sort((a, b) -> a.object().compareTo(b.object()));
        return List.copyOf(differences);
    }
}
