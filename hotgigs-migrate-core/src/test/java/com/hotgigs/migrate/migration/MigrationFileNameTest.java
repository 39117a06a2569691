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
    void refusesOtherShapes() {
        for (String bad : List.of("V1__flyway.sql", "001-initial.sql", "001_.sql", "_x.sql", "001_x.SQL", "001.sql", "a_b.sql", "1._x.sql", "1_a\\b.sql", "1_ .sql", "1_x.sql.txt")) {
            assertTrue(MigrationFileName.parse(bad).isEmpty(), bad);
        }
    }
}
