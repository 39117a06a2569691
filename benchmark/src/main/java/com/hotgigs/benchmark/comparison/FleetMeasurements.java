package com.hotgigs.benchmark.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Every figure of the fleet comparison, by fleet size, row and tool, and by parallelism; read back as medians. */
final class FleetMeasurements {

    /** What a row measures, in the order the report prints them. */
    enum Row {
        MIGRATE("migrate every tenant, fresh database (whole process)", "ms"),
        MIGRATE_PER_TENANT("  per tenant (whole process / tenants)", "ms"),
        MIGRATE_MEMORY("  peak memory of the Maven process", "MB"),
        NOOP("migrate again, nothing pending (whole process)", "ms"),
        NOOP_PER_TENANT("  per tenant (whole process / tenants)", "ms"),
        NOOP_MEMORY("  peak memory of the Maven process", "MB");

        final String label;
        final String unit;

        Row(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }
    }

    private final Map<String, List<Double>> samples = new LinkedHashMap<>();

    void add(int tenants, Row row, Tool tool, double value) {
        add(key(tenants, row, tool), value);
    }

    /** hotgigs' whole migrate process at a parallelism other than (or equal to) its default. */
    void addParallelism(int tenants, int parallelism, double wallMs) {
        add(tenants + "/parallelism/" + parallelism, wallMs);
    }

    OptionalDouble median(int tenants, Row row, Tool tool) {
        return median(key(tenants, row, tool));
    }

    OptionalDouble parallelism(int tenants, int parallelism) {
        return median(tenants + "/parallelism/" + parallelism);
    }

    List<Double> parallelismSamples(int tenants, int parallelism) {
        return samples.getOrDefault(tenants + "/parallelism/" + parallelism, List.of());
    }

    int count(int tenants, Row row, Tool tool) {
        return samples.getOrDefault(key(tenants, row, tool), List.of()).size();
    }

    private void add(String key, double value) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private OptionalDouble median(String key) {
        List<Double> values = samples.get(key);
        if (values == null || values.isEmpty()) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return OptionalDouble.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    private static String key(int tenants, Row row, Tool tool) {
        return tenants + "/" + row + "/" + tool;
    }
}
