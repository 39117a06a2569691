package com.hotgigs.migrate.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionIndexNameTest {

    @Test
    void aNameThatFitsKeepsTheNameExistingTablesHave() {
        assertEquals("schema_migrations_applied_version", HistoryTable.versionIndexName("schema_migrations"));
        String longest = "t".repeat(63 - "_applied_version".length());
        assertEquals(longest + "_applied_version", HistoryTable.versionIndexName(longest));
    }

    @Test
    void aLongerNameIsShortenedWithAHashWithinSixtyThreeBytes() {
        String first = "x".repeat(62) + "a";
        String second = "x".repeat(62) + "b";

        String name = HistoryTable.versionIndexName(first);

        assertEquals(63, name.getBytes(StandardCharsets.UTF_8).length);
        assertTrue(name.startsWith("x".repeat(38) + "_") && name.endsWith("_applied_version"), name);
        assertNotEquals(name, HistoryTable.versionIndexName(second), "names sharing a prefix get different indexes");
    }
}
