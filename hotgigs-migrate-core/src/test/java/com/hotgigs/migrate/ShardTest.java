package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardTest {

    private static final List<Target> TENANTS = IntStream.rangeClosed(1, 1000)
            .mapToObj(i -> Target.schema(String.format("tenant_%04d", i))).toList();

    @Test
    void threeSharesCoverEveryTargetExactlyOnceAndEvenly() {
        Set<Target> seen = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            Shard shard = Shard.parse(i + "/3");
            List<Target> share = TENANTS.stream().filter(shard::includes).toList();
            assertTrue(share.size() > 280 && share.size() < 390, "share " + i + " holds " + share.size());
            seen.addAll(share);
            total += share.size();
        }
        assertEquals(1000, total);
        assertEquals(1000, seen.size());
    }

    @Test
    void aTargetsShareDependsOnItsNameNotOnItsPlaceInTheList() {
        Shard shard = Shard.parse("2/3");
        List<Target> reversed = new ArrayList<>(TENANTS);
        java.util.Collections.reverse(reversed);
        List<Target> first = TENANTS.stream().filter(shard::includes).toList();
        List<Target> second = reversed.stream().filter(shard::includes).toList();
        assertEquals(new HashSet<>(first), new HashSet<>(second));
        // The documented formula, as another tool computes it: Python's zlib.crc32(b"acme") is 96778814, and 96778814 % 3 == 2.
        assertEquals(3, IntStream.rangeClosed(1, 3).filter(i -> Shard.parse(i + "/3").includes(Target.schema("acme"))).findFirst().getAsInt());
    }

    @Test
    void oneOfOneIsEverythingAndBlankIsNoSharding() {
        assertTrue(TENANTS.stream().allMatch(Shard.parse("1/1")::includes));
        assertNull(Shard.parse(null));
        assertNull(Shard.parse(" "));
        assertEquals("2/5", Shard.parse(" 2 / 5 ").toString());
    }

    @Test
    void malformedSharesAreRefusedNamingTheValueAndTheForm() {
        for (String bad : List.of("3/2", "a/b", "0/3", "1/0", "2", "1/3/4", "-1/3", "1.5/3")) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> Shard.parse(bad));
            assertEquals(ErrorCode.INVALID_CONFIGURATION, e.code());
            assertTrue(e.getMessage().startsWith("Setting 'shard' (hotgigs.shard) has the invalid value '" + bad + "': expected i/n, two whole "
                    + "numbers with 1 <= i <= n, such as 1/3"), e.getMessage());
        }
    }
}
