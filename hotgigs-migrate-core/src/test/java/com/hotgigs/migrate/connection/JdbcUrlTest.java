package com.hotgigs.migrate.connection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JdbcUrlTest {

    @Test
    void redactsPasswordsWhereverTheUrlCarriesThem() {
        assertEquals("jdbc:postgresql://db:5432/hotgigs_db?user=app&password=****&sslmode=require",
                JdbcUrl.redact("jdbc:postgresql://db:5432/hotgigs_db?user=app&password=s3cret&sslmode=require"));
        assertEquals("jdbc:postgresql://db/x?PASSWORD=****&ssl=true", JdbcUrl.redact("jdbc:postgresql://db/x?PASSWORD=a&ssl=true"));
        assertEquals("jdbc:postgresql://app:****@db/x", JdbcUrl.redact("jdbc:postgresql://app:s3cret@db/x"));
    }

    @Test
    void describesTheTargetWithoutParameters() {
        assertEquals("db:5432/hotgigs_db", JdbcUrl.describeTarget("jdbc:postgresql://db:5432/hotgigs_db?password=x"));
        assertEquals("hotgigs_db", JdbcUrl.database("jdbc:postgresql://db:5432/hotgigs_db?sslmode=require"));
        assertNull(JdbcUrl.database("jdbc:postgresql://db:5432/"));
    }
}
