package com.hotgigs.migrate;

import com.hotgigs.migrate.execution.PreparedMigration;
import com.hotgigs.migrate.lint.LintReport;
import com.hotgigs.migrate.lint.LintRun;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.Placeholders;

import org.postgresql.core.BaseConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a run prepares its scripts for the server it reads: that server's version and string syntax,
 * the placeholders' values there, and the configured transaction mode. migrate, plan, validate and a
 * fleet's lint all prepare and lint through it, so each sees a script as migrate sends it.
 */
final class RunPreparation {

    private final MigratorConfig config;
    private final ScriptCache cache;
    private final Placeholders placeholders;
    private final int serverMajor;
    private final boolean standardStrings;

    RunPreparation(MigratorConfig config, ScriptCache cache, Placeholders placeholders, int serverMajor,
                           boolean standardStrings) {
        this.config = config;
        this.cache = cache;
        this.placeholders = placeholders;
        this.serverMajor = serverMajor;
        this.standardStrings = standardStrings;
    }

    /**
     * Each migration starts from the session's defaults (RESET ALL), so the server's string syntax is
     * the one its strings are read with, as psql -f would read them.
     */
    static RunPreparation on(Connection connection, Placeholders placeholders, MigratorConfig config, ScriptCache cache)
            throws SQLException {
        return new RunPreparation(config, cache, placeholders, connection.getMetaData().getDatabaseMajorVersion(),
                connection.unwrap(BaseConnection.class).getStandardConformingStrings());
    }

    Placeholders placeholders() {
        return placeholders;
    }

    int serverMajor() {
        return serverMajor;
    }

    boolean standardStrings() {
        return standardStrings;
    }

    /** A local versioned migration as sent: placeholders replaced first, so the splitter sees what is sent. */
    PreparedMigration versioned(Migration local) {
        return sent(placeholders.applyTo(local));
    }

    /** A script whose placeholders are already replaced: a repeatable, compared by its text as sent. */
    PreparedMigration sent(Migration sent) {
        return cache.prepare(sent, serverMajor, standardStrings, config.transactionMode());
    }

    /**
     * What a run sends, in order: the pending versioned migrations, then the repeatables to apply.
     *
     * @param repeatablesSent placeholders already replaced
     */
    List<PreparedMigration> run(List<Migration> versioned, List<Migration> repeatablesSent) {
        List<PreparedMigration> prepared = new ArrayList<>(versioned.size() + repeatablesSent.size());
        versioned.forEach(m -> prepared.add(versioned(m)));
        repeatablesSent.forEach(m -> prepared.add(sent(m)));
        return prepared;
    }

    /**
     * The lint of the migrations a run sends, knowing what the local migrations before them validated.
     *
     * @param local   every local versioned migration, in version order
     * @param pending as {@link #run} prepared them
     */
    LintReport lint(List<Migration> local, List<PreparedMigration> pending) {
        ScriptCache.LintKey key = cache.sharing() ? new ScriptCache.LintKey(asSent(local), pending, serverMajor, standardStrings,
                config.transactionMode(), config.lockTimeout(), config.lint()) : null;
        return cache.lint(key, () -> LintRun.of(local, pending, this::versioned, standardStrings, config.lockTimeout(),
                config.lint(), true, placeholders::redact));
    }

    /** Null for a migration whose placeholders have no value here: the lint learns nothing from it. */
    private List<Migration> asSent(List<Migration> local) {
        List<Migration> sent = new ArrayList<>(local.size());
        for (Migration migration : local) {
            try {
                sent.add(placeholders.applyTo(migration));
            } catch (MigrationException e) {
                sent.add(null);
            }
        }
        return sent;
    }
}
