package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.SchemaDifference;

import java.util.List;

/**
 * How a migrated database's schema differs from the one its applied migrations build.
 *
 * @param version     the highest applied version: the migrations up to it were replayed
 * @param differences every disagreement, extra objects included (see {@link SchemaDifference#extra()})
 * @param compared    how many objects the replayed schema has
 * @param comparisonMs how long reading both catalogs and comparing took (the replay not included)
 * @param failOnExtraObjects whether extra objects count as drift
 */
public record DriftReport(String database, String schema, String version, List<SchemaDifference> differences, int compared,
                          long comparisonMs, boolean failOnExtraObjects) {

    public DriftReport {
        differences = List.copyOf(differences);
    }

    /** The differences that make the database drifted: all but extra objects, and those too when asked. */
    public List<SchemaDifference> drift() {
        return differences.stream().filter(d -> !d.extra() || failOnExtraObjects).toList();
    }

    public boolean clean() {
        return drift().isEmpty();
    }
}
