package com.hotgigs.benchmark.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

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

    int count(int size, Row row, Column column) {
        List<Double> values = samples.get(key(size, row, column));
        return values == null ? 0 : values.size();
    }

    private static String key(int size, Row row, Column column) {
        return size + "/" + row + "/" + column;
    }
}
