package com.example.reactor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A module that starts no server: its test JVM is told no other module's server. */
class NoServerAddressIT {

    @Test
    void noOtherModulesAddressReachesThisTestJvm() {
        assertEquals("d", System.getProperty("module"));
        assertNull(System.getProperty("hotgigs.url"));
        assertNull(System.getProperty("hotgigs.user"));
        assertNull(System.getProperty("hotgigs.password"));
    }
}
