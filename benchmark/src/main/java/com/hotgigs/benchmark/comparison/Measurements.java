package com.hotgigs.benchmark.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;

/** Every figure measured, by corpus size, row and column; read back as medians. */
final class Measurements {

    /** What a row measures, in the order the report prints them. */
    enum Row {
        FRESH_MIGRATE("migrate, fresh database (whole process)", "ms"),
        APPLY_PHASE("  apply phase, as the tool reports it", "ms"),
        NOOP_MIGRATE("migrate, nothing pending (whole process)", "ms"),
        STATUS("status / info (whole process)", "ms"),
        VALIDATE("validate (whole process)", "ms"),
        ENGINE_NOOP("  engine part: migrate, nothing pending", "ms"),
        ENGINE_STATUS("  engine part: status", "ms"),
        ENGINE_VALIDATE("  engine part: validate", "ms"),
        DRIVER_FLOOR("  floor of the engine part: a fresh JVM's first JDBC connection and history read", "ms"),
        TAIL_PER_MIGRATION("apply the last 100 on top of the rest, per migration", "ms"),
        NOOP_LINT("migrate, nothing pending, hotgigs.failOnLint=true (whole process)", "ms"),
        ENGINE_NOOP_LINT("  engine part: migrate, nothing pending, hotgigs.failOnLint=true", "ms"),
        LINT("hotgigs:lint of every migration (whole process)", "ms"),
        ENGINE_LINT("  engine part: lint", "ms"),
        CHECK("hotgigs:check against hotgigs.sum (whole process)", "ms"),
        ENGINE_CHECK("  engine part: check", "ms"),
        REPEATABLES_FRESH("with 100 repeatables beside: migrate, fresh database (whole process)", "ms"),
        REPEATABLES_NOOP("with 100 repeatables beside: migrate, nothing pending (whole process)", "ms"),
        ENGINE_REPEATABLES_NOOP("  engine part: migrate, nothing pending, 100 repeatables beside", "ms"),
        BASELINE("baseline, verified, of a database psql built (whole process)", "ms"),
        BASELINE_COMPARISON("  comparison of both catalogs, as baseline prints it", "ms"),
        DRIFT("drift of a database hotgigs migrated (whole process)", "ms"),
        DRIFT_COMPARISON("  comparison of both catalogs, as drift prints it", "ms"),
        COMPARED_OBJECTS("  objects compared", "objects"),
        ADOPT_FLYWAY_MIGRATE("Flyway's migrate of the same, fresh database, beside baseline and drift (whole process)", "ms"),
        PEAK_MEMORY("peak memory of the process, largest over its goals", "MB"),
        MAVEN_START("floor: mvn validate on the same pom (Maven's own start)", "ms"),
        PSQL("floor: psql, one transaction per migration", "ms");

        final String label;
        final String unit;

        Row(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }
    }

    /** The columns: each tool, and psql for the rows where it is the floor. */
    enum Column { HOTGIGS, FLYWAY, PSQL }

    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    void add(int size, Row row, Column column, double value) {
        samples.computeIfAbsent(key(size, row, column), k -> new ArrayList<>()).add(value);
    }

    OptionalDouble median(int size, Row row, Column column) {
        List<Double> values = samples.get(key(size, row, column));
        if (values == null || values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    /** The sizes (and the HotGigs schema's key) anything was measured for, in ascending order. */
    SortedSet<Integer> sizes() {
        SortedSet<Integer> sizes = new TreeSet<>();
        samples.keySet().forEach(key -> sizes.add(Integer.valueOf(key.substring(0, key.indexOf('/')))));
        return sizes;
    }

    int count(int size, Row row, Column column) {
        List<Double> values = samples.get(key(size, row, column));
        return values == null ? 0 : values.size();
    }

    private static String key(int size, Row row, Column column) {
        return size + "/" + row + "/" + column;
    }
}
