package com.hotgigs.migrate.migration;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationFileNameTest {

    @Test
    void splitsVersionFromName() {
        MigrationFileName parsed = MigrationFileName.parse("002_comprehensive_ats_system.sql").orElseThrow();
        assertEquals("002", parsed.version().text());
        assertEquals("comprehensive_ats_system", parsed.name());
        assertEquals("1.2", MigrationFileName.parse("1.2_add_index.sql").orElseThrow().version().text());
        assertEquals("with_more_underscores", MigrationFileName.parse("20240126_with_more_underscores.sql").orElseThrow().name());
    }

    @Test
    void readsFlywayNamesAsFlywayDoes() {
        MigrationFileName init = MigrationFileName.parse("V1__init.sql").orElseThrow();
        assertEquals("1", init.version().text());
        assertEquals("init", init.name());
        assertEquals("1.1", MigrationFileName.parse("V1.1__add_x.sql").orElseThrow().version().text());
        assertEquals("2.1", MigrationFileName.parse("V2_1__split.sql").orElseThrow().version().text());
        assertEquals("add_more__things", MigrationFileName.parse("V3__add_more__things.sql").orElseThrow().name());
        // Flyway's order: 1 < 1.1 < 2 < 2.1 < 10, numerically by segment.
        List<Version> ordered = List.of("V10__j.sql", "V2_1__c.sql", "V1.1__b.sql", "V2__d.sql", "V1__a.sql").stream()
                .map(name -> MigrationFileName.parse(name).orElseThrow().version()).sorted().toList();
        assertEquals(List.of("1", "1.1", "2", "2.1", "10"), ordered.stream().map(Version::text).toList());
    }

    @Test
    void refusesOtherShapes() {
        for (String bad : List.of("V1_flyway.sql", "V__x.sql", "V1__.sql", "Va__x.sql", "V1.__x.sql", "001-initial.sql", "001_.sql", "_x.sql", "001_x.SQL", "001.sql", "a_b.sql", "1._x.sql", "1_a\\b.sql", "1_ .sql", "1_x.sql.txt")) {
            assertTrue(MigrationFileName.parse(bad).isEmpty(), bad);
        }
    }
}
