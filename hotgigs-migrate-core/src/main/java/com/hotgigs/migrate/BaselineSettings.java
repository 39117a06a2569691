package com.hotgigs.migrate;

import com.hotgigs.migrate.migration.Version;
import com.hotgigs.migrate.schema.ReferenceServer;

import java.util.Objects;

/**
 * How a database that has a schema but no history is adopted.
 *
 * @param version             the highest version to record as applied; null for the highest local one
 * @param verify              replay the migrations into {@code reference} and compare the schemas before recording anything
 * @param failOnExtraObjects  objects the migrations do not create fail the baseline too, not only a warning
 * @param baselineOnMigrate   migrate baselines a non-empty schema without history first, instead of refusing
 * @param importFlywayHistory migrate imports Flyway's history when there is no history table but flyway_schema_history
 * @param reference           where the migrations are replayed for the comparison
 */
public record BaselineSettings(String version, boolean verify, boolean failOnExtraObjects, boolean baselineOnMigrate,
                               boolean importFlywayHistory, ReferenceServer reference) {

    /** Verified, extra objects reported only, migrate refuses a non-empty schema; no reference server. */
    public static final BaselineSettings DEFAULTS = new BaselineSettings(null, true, false, false, false, ReferenceServer.NONE);

    public BaselineSettings {
        if (version != null && !Version.isValid(version)) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION, ConfigurationException.setting("baselineVersion") + " has the invalid value '"
                    + version + "': expected a version such as 002 or 2.1 (digits, optionally dot-separated).");
        }
        Objects.requireNonNull(reference, "reference");
    }

    public BaselineSettings withVersion(String version) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }

    public BaselineSettings withVerify(boolean verify) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }

    public BaselineSettings withFailOnExtraObjects(boolean failOnExtraObjects) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }

    public BaselineSettings withBaselineOnMigrate(boolean baselineOnMigrate) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }

    public BaselineSettings withImportFlywayHistory(boolean importFlywayHistory) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }

    public BaselineSettings withReference(ReferenceServer reference) {
        return new BaselineSettings(version, verify, failOnExtraObjects, baselineOnMigrate, importFlywayHistory, reference);
    }
}
