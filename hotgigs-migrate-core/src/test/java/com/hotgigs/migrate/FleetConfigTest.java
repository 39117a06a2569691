package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FleetConfigTest {

    private static final MigratorConfig BASE = MigratorConfig.builder().url("jdbc:postgresql://localhost/x").build();

    @Test
    void parallelismOutsideOneToThirtyTwoIsRefusedNamingTheBound() {
        for (int parallelism : new int[] {0, -1, 33}) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> new FleetConfig(BASE, List.of(), null, parallelism, false, null));
            assertEquals("Setting 'parallelism' (hotgigs.parallelism) has the invalid value '" + parallelism + "': expected 1 to 32 targets at once "
                    + "(each takes up to two connections); the default is 4.", e.getMessage());
        }
        assertEquals(32, new FleetConfig(BASE, List.of(Target.schema("a")), null, 32, false, null).parallelism());
    }

    @Test
    void aShardWithoutTargetsIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new FleetConfig(BASE, List.of(), null, 4, false, Shard.parse("1/2")));
        assertTrue(e.getMessage().startsWith("Setting 'shard' (hotgigs.shard) is 1/2 but no targets are named"), e.getMessage());
    }

    @Test
    void aBlankQueryIsRefusedAndNoTargetsIsTheConfiguredDatabase() {
        // An empty CI variable in -Dhotgigs.targetsQuery=$QUERY must not run the goal on the registry database instead.
        for (String blank : List.of("", "  ", "\n")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> new FleetConfig(BASE, List.of(), blank, 4, false, null));
            assertEquals(ErrorCode.NO_TARGETS, e.code());
            assertTrue(e.getMessage().startsWith("Setting 'targetsQuery' (hotgigs.targetsQuery) is set but blank"), e.getMessage());
        }
        FleetConfig config = new FleetConfig(BASE, List.of(), null, 4, false, null);
        assertFalse(config.namesTargets());
        assertEquals(List.of(Target.configured()), new Fleet(config).targets());
        assertTrue(new FleetConfig(BASE, List.of(), "SELECT 'a'", 4, false, null).namesTargets());
    }
}
