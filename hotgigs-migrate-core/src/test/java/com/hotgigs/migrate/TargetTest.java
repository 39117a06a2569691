package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetTest {

    private static final MigratorConfig BASE = MigratorConfig.builder()
            .url("jdbc:postgresql://db.example.com:5432/hotgigs_db?sslmode=require&password=s3cret").schema("ats").build();

    @Test
    void aSchemaTargetHasItsHistoryThereAndItAsSearchPath() {
        MigratorConfig config = Target.schema("tenant_7").configure(BASE);
        assertEquals("tenant_7", config.schema());
        assertEquals("tenant_7", config.searchPath());
        assertEquals(BASE.url(), config.url());
        assertNull(Target.configured().configure(BASE).searchPath());
    }

    @Test
    void aDatabaseNameKeepsTheServerAndParametersAndAUrlIsTakenAsIs() {
        assertEquals("jdbc:postgresql://db.example.com:5432/tenant_7?sslmode=require&password=s3cret",
                Target.database("tenant_7").configure(BASE).url());
        assertEquals("ats", Target.database("tenant_7").configure(BASE).schema());
        assertEquals("jdbc:postgresql://other:6432/x", Target.database("jdbc:postgresql://other:6432/x").configure(BASE).url());
        assertEquals("jdbc:postgresql://h1:5432,h2:5432/b?targetServerType=primary",
                Target.database("b").configure(MigratorConfig.builder().url("jdbc:postgresql://h1:5432,h2:5432/a?targetServerType=primary")
                        .build()).url());
        assertEquals("jdbc:postgresql:b", Target.database("b").configure(MigratorConfig.builder().url("jdbc:postgresql:a").build()).url());
    }

    @Test
    void aUrlTargetIsNamedWithoutItsParameters() {
        assertEquals("other:6432/x", Target.database("jdbc:postgresql://other:6432/x?password=s3cret").name());
        assertEquals("tenant_7", Target.database("tenant_7").name());
        assertEquals("tenant_7", Target.schema("tenant_7").name());
    }

    @Test
    void invalidNamesAreRefusedNamingTheSetting() {
        for (String bad : List.of("tenant-1", "1tenant", "pg_catalog", "x".repeat(64))) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> Target.schema(bad).configure(BASE));
            assertTrue(e.getMessage().startsWith("Setting 'schemas' (hotgigs.schemas) has the"), e.getMessage());
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Target.database("a b").configure(BASE));
        assertTrue(e.getMessage().startsWith("Setting 'databases' (hotgigs.databases) has the invalid value 'a b'"), e.getMessage());
    }

    @Test
    void theSamePlaceNamedTwoWaysHasOneIdentity() {
        assertEquals(Target.database("tenant_7").identity(BASE),
                Target.database("jdbc:postgresql://db.example.com:5432/tenant_7").identity(BASE));
        assertEquals(Target.configured().identity(BASE), Target.schema("ats").identity(BASE));
        // PostgreSQL's default port, and host names in any case, name the same server.
        assertEquals(Target.database("jdbc:postgresql://DB.example.com/tenant_7").identity(BASE), Target.database("tenant_7").identity(BASE));
        assertEquals(Target.database("jdbc:postgresql://h1,h2:6432/x").identity(BASE),
                Target.database("jdbc:postgresql://h1:5432,h2:6432/x").identity(BASE));
        assertEquals(Target.database("jdbc:postgresql://[::1]/x").identity(BASE), Target.database("jdbc:postgresql://[::1]:5432/x").identity(BASE));
        assertNotEquals(Target.database("jdbc:postgresql://db.example.com:6432/tenant_7").identity(BASE),
                Target.database("tenant_7").identity(BASE));
    }

    @Test
    void targetsAreEqualByKindAndValueAndKeyMapsSo() {
        assertEquals(Target.schema("tenant_1"), Target.schema("tenant_1"));
        assertEquals(Target.schema("tenant_1").hashCode(), Target.schema("tenant_1").hashCode());
        assertEquals(Target.configured(), Target.configured());
        assertNotEquals(Target.schema("tenant_1"), Target.database("tenant_1"));
        assertNotEquals(Target.schema("tenant_1"), Target.schema("tenant_2"));
        assertNotEquals(Target.configured(), Target.schema("tenant_1"));
        assertEquals(2, new java.util.HashSet<>(List.of(Target.schema("a"), Target.schema("a"), Target.database("a"))).size());
        assertEquals("Target[kind=SCHEMA, value=tenant_1]", Target.schema("tenant_1").toString());
    }
}
