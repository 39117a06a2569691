package com.hotgigs.migrate;

import java.util.List;

/**
 * Which targets a {@link Fleet} works on and how: the base configuration every target's run starts
 * from (URL, credentials, locations, ...), the targets named (none for the configured database
 * alone), a query that names more, how many targets run at once, whether the first failure stops
 * the rest, and which share of the targets this process takes.
 *
 * @param targets      targets named in the configuration; with no query, an empty list means the configured one
 * @param targetsQuery SQL run on the configured database whose rows name targets, or null; never blank
 * @param parallelism  how many targets are worked on at once, 1 to {@value #MAX_PARALLELISM}
 * @param failFast     whether a failed target stops the fleet from starting more
 * @param shard        the share of the targets to work on, or null for all
 */
public record FleetConfig(MigratorConfig base, List<Target> targets, String targetsQuery, int parallelism, boolean failFast,
                          Shard shard) {

    /**
     * Four at once: on the two-core machine the README's measurement was taken on, 50 tenant schemas of
     * the HotGigs schema took longest with one, and more than four gained nothing.
     */
    public static final int DEFAULT_PARALLELISM = 4;
    /** Each worker holds up to two connections (see {@link Fleet}); 32 workers stay within PostgreSQL's default 100. */
    public static final int MAX_PARALLELISM = 32;

    public FleetConfig {
        if (base == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, "A fleet needs a base configuration.");
        }
        targets = List.copyOf(targets == null ? List.of() : targets);
        if (targets.contains(Target.configured())) {
            throw new IllegalArgumentException("the configured target is what an empty target list means");
        }
        if (targetsQuery != null && targetsQuery.isBlank()) {
            // A CI variable that came out empty must not turn a fleet run into a run on the registry database.
            throw new ConfigurationException(ErrorCode.NO_TARGETS, ConfigurationException.setting("targetsQuery") + " is set "
                    + "but blank, so it names no targets. Nothing was run. Set it to a query that returns the targets "
                    + "(e.g. SELECT schema_name FROM tenants WHERE active), or leave it unset to run on the configured database.");
        }
        if (shard != null && targets.isEmpty() && targetsQuery == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("shard") + " is " + shard + " but no targets "
                    + "are named, so there is nothing to share out. Name the fleet with hotgigs.schemas, hotgigs.databases or "
                    + "hotgigs.targetsQuery, or leave hotgigs.shard unset.");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("parallelism") + " has the invalid value '"
                    + parallelism + "': expected 1 to " + MAX_PARALLELISM + " targets at once (each takes up to two "
                    + "connections); the default is " + DEFAULT_PARALLELISM + ".");
        }
    }

    /** The configured database alone, as every goal without targets runs: a fleet of one. */
    public static FleetConfig of(MigratorConfig base) {
        return new FleetConfig(base, List.of(), null, 1, false, null);
    }

    /** Whether this configuration names targets beyond the configured database. */
    public boolean namesTargets() {
        return !targets.isEmpty() || targetsQuery != null;
    }
}
