package com.hotgigs.benchmark.comparison;

import com.hotgigs.benchmark.comparison.Measurements.Column;
import com.hotgigs.benchmark.comparison.Measurements.Row;
import com.hotgigs.benchmark.corpus.Corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code --repeatables}: 100 repeatable migrations (views and functions, {@code R__*.sql}, the same
 * bytes for both tools) beside the 1,000 versioned ones. Each tool migrates a fresh database, then
 * migrates again with nothing changed, which is what is compared: a run that re-applied an unchanged
 * repeatable, or recorded one twice, is an error, not a figure. The first run's databases are
 * checked against psql's.
 */
final class RepeatablesSection {

    static final int SIZE = 1000;
    static final int REPEATABLES = 100;

    private final Harness harness;
    private final Measurements measurements;

    RepeatablesSection(Harness harness) {
        this.harness = harness;
        this.measurements = harness.measurements();
    }

    void measure() {
        Corpus corpus = Corpus.write(harness.options().workDirectory().resolve("corpus-" + SIZE + "-repeatables"), SIZE, REPEATABLES);
        int runs = harness.options().runs();
        for (int run = 1; run <= runs; run++) {
            System.out.printf("N=%d with %d repeatables, run %d of %d%n", SIZE, REPEATABLES, run, runs);
            List<Tool> order = run % 2 == 1 ? List.of(Tool.HOTGIGS, Tool.FLYWAY) : List.of(Tool.FLYWAY, Tool.HOTGIGS);
            String psqlDatabase = null;
            if (run == 1) {
                psqlDatabase = harness.freshDatabase((Tool) null);
                harness.psql(psqlDatabase, corpus.allFilesInOrder(), "psql-repeatables.sql");
            }
            for (Tool tool : order) {
                String database = measureTool(tool, corpus);
                if (psqlDatabase != null) {
                    harness.checkSchema(psqlDatabase, database, tool.label() + " with repeatables");
                }
                harness.server().dropDatabase(database);
            }
            if (psqlDatabase != null) {
                harness.server().dropDatabase(psqlDatabase);
            }
        }
    }

    private String measureTool(Tool tool, Corpus corpus) {
        Column column = Harness.column(tool);
        Path locations = tool.locationsOf(corpus);
        String database = harness.freshDatabase(tool);
        TimedProcess.Outcome fresh = harness.maven(tool, locations, database, true, tool.migrateGoal());
        tool.applyPhaseMs(fresh.output(), SIZE + REPEATABLES);
        measurements.add(SIZE, Row.REPEATABLES_FRESH, column, fresh.wallMs());
        TimedProcess.Outcome noop = harness.maven(tool, locations, database, true, tool.migrateGoal());
        measurements.add(SIZE, Row.REPEATABLES_NOOP, column, noop.wallMs());
        if (tool == Tool.HOTGIGS) {
            measurements.add(SIZE, Row.ENGINE_REPEATABLES_NOOP, Column.HOTGIGS,
                    ToolComparison.engineMs(noop.output(), ToolComparison.HOTGIGS_UP_TO_DATE));
            Harness.require(noop.output(), "repeatables: " + REPEATABLES + " applied, 0 pending, 0 failed", "hotgigs' second migrate");
            requireRows(database, "SELECT count(*) FROM public.schema_migrations WHERE kind = 'REPEATABLE'", "hotgigs");
        } else {
            Harness.require(noop.output(), ToolComparison.FLYWAY_UP_TO_DATE, "Flyway's second migrate");
            requireRows(database, "SELECT count(*) FROM public.flyway_schema_history WHERE version IS NULL", "Flyway");
        }
        return database;
    }

    /** One history row per repeatable: a second row would mean the second migrate applied it again. */
    private void requireRows(String database, String count, String label) {
        long rows = harness.server().queryLong(database, count);
        if (rows != REPEATABLES) {
            throw new IllegalStateException(label + "'s history has " + rows + " rows of repeatables after two migrates of "
                    + REPEATABLES + " unchanged ones, expected " + REPEATABLES + ": an unchanged repeatable was applied again");
        }
    }
}
