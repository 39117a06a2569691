package com.hotgigs.it;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.fail;

/** Reaches the migrated server, then fails as a broken feature would. */
class FailingIT {

    @Test
    void failsAfterReachingTheServer() throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("hotgigs.url"),
                System.getProperty("hotgigs.user"), System.getProperty("hotgigs.password"))) {
            fail("deliberate failure against " + connection.getMetaData().getURL());
        }
    }
}
