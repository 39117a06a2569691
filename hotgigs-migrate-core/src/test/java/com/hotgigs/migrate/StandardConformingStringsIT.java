package com.hotgigs.migrate;

import com.hotgigs.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static com.hotgigs.migrate.Queries.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scripts are split as the server will read them: with its own standard_conforming_strings. */
class StandardConformingStringsIT {

    @TempDir
    Path directory;

    @Test
    void aDatabaseWithStandardConformingStringsOffGetsBackslashEscapedQuotesSplitAsPsqlDoes() throws SQLException {
        try (TestDatabase database = TestDatabase.create()) {
            try (Connection admin = DriverManager.getConnection(database.adminUrl()); Statement statement = admin.createStatement()) {
                statement.execute("ALTER DATABASE " + database.name() + " SET standard_conforming_strings = off");
            }
            MigrationDirectory migrations = new MigrationDirectory(directory)
                    .write("001_quotes.sql", """
                            CREATE TABLE q (n int, t text);
                            INSERT INTO q VALUES (1, 'it\\'s; fine');
                            SET standard_conforming_strings = on;
                            INSERT INTO q VALUES (2, 'back\\slash');
                            RESET standard_conforming_strings;
                            INSERT INTO q VALUES (3, 'again\\'; still one');
                            """);

            MigrateResult result = migrations.migratorFor(database).migrate();

            assertEquals(1, result.applied().size());
            assertEquals(List.of("1|it's; fine", "2|back\\slash", "3|again'; still one"),
                    rows(database, "SELECT n, t FROM q ORDER BY n"));
        }
    }
}
