package com.hotgigs.migrate.sql;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecretTextTest {

    @Test
    void masksTheLiteralAfterPasswordInEveryForm() {
        assertEquals("ALTER ROLE app PASSWORD '****'", SecretText.mask("ALTER ROLE app PASSWORD 'x'"));
        assertEquals("CREATE ROLE app LOGIN ENCRYPTED PASSWORD '****' VALID UNTIL 'infinity'",
                SecretText.mask("CREATE ROLE app LOGIN ENCRYPTED PASSWORD 'it''s secret' VALID UNTIL 'infinity'"));
        assertEquals("alter user app with password E'****'", SecretText.mask("alter user app with password E'a\\'b'"));
        assertEquals("ALTER ROLE app PASSWORD $$****$$ LOGIN", SecretText.mask("ALTER ROLE app PASSWORD $pw$s3 cret$pw$ LOGIN"));
        assertEquals("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password '****')",
                SecretText.mask("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'app', password 'hunter2')"));
        assertEquals("SELECT dblink_connect('host=db password=**** dbname=x')",
                SecretText.mask("SELECT dblink_connect('host=db password=hunter2 dbname=x')"));
    }

    @Test
    void masksAPasswordCutShortOrWrittenBare() {
        assertEquals("ALTER ROLE app PASSWORD '****'", SecretText.mask("ALTER ROLE app PASSWORD 'a-very-long-secret-that-a-mess"));
        assertEquals("CREATE ROLE app PASSWORD **** LOGIN", SecretText.mask("CREATE ROLE app PASSWORD hunter2 LOGIN"));
        assertEquals("ALTER ROLE app PASSWORD NULL", SecretText.mask("ALTER ROLE app PASSWORD NULL"));
    }

    @Test
    void leavesColumnsNamedPasswordAndOrdinaryTextAlone() {
        String table = "CREATE TABLE users (id int, password text, password_hash text)";
        assertEquals(table, SecretText.mask(table));
        assertEquals("ERROR: column \"password\" does not exist", SecretText.mask("ERROR: column \"password\" does not exist"));
    }

    @Test
    void masksTheStatementsPasswordsWherePostgresqlQuotesThem() {
        String statement = "CREATE ROLE app PASSWORD hunter2 LOGIN";
        assertEquals(Set.of("hunter2"), SecretText.secretsOf(statement));
        assertEquals("ERROR: syntax error at or near \"****\" (SQLSTATE 42601)",
                SecretText.mask("ERROR: syntax error at or near \"hunter2\" (SQLSTATE 42601)", statement));
        assertEquals(Set.of("it's"), SecretText.secretsOf("ALTER ROLE app PASSWORD 'it''s'"));
    }
}
