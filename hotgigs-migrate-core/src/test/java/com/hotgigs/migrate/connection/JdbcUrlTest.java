package com.hotgigs.migrate.connection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcUrlTest {

    @Test
    void redactsPasswordsWhereverTheUrlCarriesThem() {
        assertEquals("jdbc:postgresql://db:5432/hotgigs_db?user=app&password=****&sslmode=require",
                JdbcUrl.redact("jdbc:postgresql://db:5432/hotgigs_db?user=app&password=s3cret&sslmode=require"));
        assertEquals("jdbc:postgresql://db/x?PASSWORD=****&ssl=true", JdbcUrl.redact("jdbc:postgresql://db/x?PASSWORD=a&ssl=true"));
        assertEquals("jdbc:postgresql://app:****@db/x", JdbcUrl.redact("jdbc:postgresql://app:s3cret@db/x"));
        assertEquals("jdbc:postgresql://app:****@db/x?sslpassword=****", JdbcUrl.redact("jdbc:postgresql://app:s3cret@db/x?sslpassword=k"));
    }

    @Test
    void masksAPasswordWholeWhereTheDriverReadsItWhole() {
        // The driver cuts parameters at & only: it reads the password ab;cd3f, so all of it is masked.
        assertEquals("ab;cd3f", JdbcUrl.parameters("jdbc:postgresql://db/x?password=ab;cd3f&ssl=true").get("password"));
        assertEquals("jdbc:postgresql://db/x?password=****&ssl=true", JdbcUrl.redact("jdbc:postgresql://db/x?password=ab;cd3f&ssl=true"));
        assertEquals("jdbc:postgresql://db/x?password=****", JdbcUrl.redact("jdbc:postgresql://db/x?password=a=b?c"));
    }

    @Test
    void masksEveryPasswordLikeParameterInAnyCaseAndEncoding() {
        String url = "jdbc:postgresql://db/x?sslpassword=k1&SslPassword=k2&sslkey=/k.pk8&my_password_file=k3&pass%77ord=k4&user=app";
        String redacted = JdbcUrl.redact(url);
        assertEquals("jdbc:postgresql://db/x?sslpassword=****&SslPassword=****&sslkey=/k.pk8&my_password_file=****"
                + "&pass%77ord=****&user=app", redacted);
        for (String secret : new String[] {"k1", "k2", "k3", "k4"}) {
            assertFalse(redacted.contains("=" + secret), redacted);
        }
        JdbcUrl.parameters(redacted).forEach((name, value) -> {
            if (JdbcUrl.isPasswordName(name)) {
                assertEquals("****", value, name);
            }
        });
    }

    @Test
    void masksAUserInfoPasswordWhateverItHolds() {
        for (String password : List.of("S3cret/Pw!", "pa?ss", "p@ss", "a=b&c", "x:y")) {
            String redacted = JdbcUrl.redact("jdbc:postgresql://u:" + password + "@127.0.0.1:5432/db?sslmode=require");
            assertEquals("jdbc:postgresql://u:****@127.0.0.1:5432/db?sslmode=require", redacted, password);
        }
        assertEquals("jdbc:postgresql://u:****@db", JdbcUrl.redact("jdbc:postgresql://u:s3/c@r@et@db"));
        // A user name with an @, as some hosted servers ask, in a parameter is not user info.
        assertEquals("jdbc:postgresql://srv:5432/db?user=me@srv&password=****",
                JdbcUrl.redact("jdbc:postgresql://srv:5432/db?user=me@srv&password=s3cret"));
    }

    @Test
    void masksAPasswordWrittenAfterASemicolon() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/db;password=****", JdbcUrl.redact("jdbc:postgresql://127.0.0.1:5432/db;password=S3cretPw!"));
        assertEquals("jdbc:postgresql://h/db;user=u;Password=****?ssl=true", JdbcUrl.redact("jdbc:postgresql://h/db;user=u;Password=x;y?ssl=true"));
    }

    @Test
    void saysWhyTheDriverCannotReadAUrlBeforeItSeesOne() {
        assertNull(JdbcUrl.shapeProblem("jdbc:postgresql://127.0.0.1:5432/db?password=x"));
        assertNull(JdbcUrl.shapeProblem("jdbc:postgresql://h1,h2:6432,[::1]:5432/db"));
        assertNull(JdbcUrl.shapeProblem("jdbc:postgresql:db"));
        // Without a database the driver takes the one named like the user: a migrate into postgres, most likely.
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql://h/").startsWith("it names no database"));
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql://127.0.0.1:5432/?user=app").startsWith("it names no database"));
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql:?user=app").startsWith("it names no database"));
        assertEquals("it has no / between its host (or port) and its database",
                JdbcUrl.shapeProblem("jdbc:postgresql://127.0.0.1:5432?user=postgres&password=S3cretPw!"));
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql://127.0.0.1:5432/a/b?password=x").startsWith("it has more than one /"));
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql://u:S3cret/Pw!@127.0.0.1:5432/db").startsWith("it has more than one /"));
        assertTrue(JdbcUrl.shapeProblem("jdbc:postgresql://h:5432/db;password=x").startsWith("its database part has a ';'"));
        assertEquals("its port '99999' is not a number from 1 to 65535", JdbcUrl.shapeProblem("jdbc:postgresql://h:99999/db"));
        assertEquals("its port 'x' is not a number from 1 to 65535", JdbcUrl.shapeProblem("jdbc:postgresql://h:x/db"));
        assertEquals("it does not start with jdbc:postgresql:", JdbcUrl.shapeProblem("jdbc:mysql://h/db"));
        // None of them reaches the driver, which would log the URL whole.
        assertTrue(JdbcUrl.parameters("jdbc:postgresql://127.0.0.1:5432?password=S3cretPw!").isEmpty());
    }

    @Test
    void readsTheUserParameterTheDriverLogsInAs() {
        assertEquals("app user", JdbcUrl.userParameter("jdbc:postgresql://h/db?ssl=true&user=app%20user"));
        assertNull(JdbcUrl.userParameter("jdbc:postgresql://h/db?ssl=true"));
        assertNull(JdbcUrl.userParameter("jdbc:postgresql://h/db"));
        assertEquals("app", JdbcUrl.loginUser("jdbc:postgresql://h/db?user=app", "configured"));
        assertEquals("configured", JdbcUrl.loginUser("jdbc:postgresql://h/db?ssl=true", "configured"));
    }

    @Test
    void leavesUrlsWithoutSecretsAsTheyAre() {
        String url = "jdbc:postgresql://h1:5432,h2:5433/x?targetServerType=primary&sslmode=verify-full&sslrootcert=/ca.pem";
        assertEquals(url, JdbcUrl.redact(url));
        assertEquals("jdbc:postgresql://db/x", JdbcUrl.redact("jdbc:postgresql://db/x"));
    }

    @Test
    void tellsAUrlWithUserInfo() {
        assertTrue(JdbcUrl.hasUserInfo("jdbc:postgresql://app:pw@db/x"));
        assertTrue(JdbcUrl.hasUserInfo("jdbc:postgresql://app@db/x?a=b"));
        assertFalse(JdbcUrl.hasUserInfo("jdbc:postgresql://db/x?user=a@b"));
    }

    @Test
    void describesTheTargetWithoutParameters() {
        assertEquals("db:5432/hotgigs_db", JdbcUrl.describeTarget("jdbc:postgresql://db:5432/hotgigs_db?password=x"));
        assertEquals("hotgigs_db", JdbcUrl.database("jdbc:postgresql://db:5432/hotgigs_db?sslmode=require"));
        assertNull(JdbcUrl.database("jdbc:postgresql://db:5432/"));
    }
}
