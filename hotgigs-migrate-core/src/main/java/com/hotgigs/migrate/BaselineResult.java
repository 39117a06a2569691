package com.hotgigs.migrate;

import com.hotgigs.migrate.schema.SchemaDifference;

import java.util.List;

/**
 * What a baseline recorded.
 *
 * @param version   the baseline version: the highest one recorded; null when only repeatables' runs were imported from Flyway
 * @param baselined the migrations recorded as applied without running them (or imported from Flyway), in the order recorded
 * @param verified  whether the schema was compared with the migrations replayed, and matched
 * @param compared  how many objects the comparison read on each side; 0 when not verified
 * @param comparisonMs how long reading both catalogs and comparing took; 0 when not verified
 * @param extras    objects the database has and the migrations do not create (reported, not refused unless asked)
 * @param fromFlyway whether Flyway's history was imported (IMPORT rows, each file checked against Flyway's checksum)
 *                  instead of a schema comparison
 */
public record BaselineResult(String database, String schema, String version, List<MigrationInfo> baselined, boolean verified,
                             int compared, long comparisonMs, List<SchemaDifference> extras, List<String> warnings, boolean fromFlyway) {

    public BaselineResult {
        baselined = List.copyOf(baselined);
        extras = List.copyOf(extras);
        warnings = List.copyOf(warnings);
    }
}
