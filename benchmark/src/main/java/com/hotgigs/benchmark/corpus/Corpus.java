package com.hotgigs.benchmark.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A deterministic corpus of N migrations written twice with byte-identical SQL: as
 * {@code hotgigs/00042_add_entity_8_columns.sql} and as {@code flyway/V42__add_entity_8_columns.sql}.
 * The same N always gives the same bytes, so runs on different days compare. A corpus may also have
 * repeatable migrations, {@code R__entity_0003_open_amount.sql} under the same name for both tools,
 * over the entities the versioned ones build.
 */
public final class Corpus {

    public static final String HOTGIGS_DIRECTORY = "hotgigs";
    public static final String FLYWAY_DIRECTORY = "flyway";

    private final Path root;
    private final int size;
    private final int repeatables;

    private Corpus(Path root, int size, int repeatables) {
        this.root = root;
        this.size = size;
        this.repeatables = repeatables;
    }

    /** Writes the corpus of {@code size} migrations under {@code root}, replacing what was there. */
    public static Corpus write(Path root, int size) {
        return write(root, size, 0);
    }

    /** The same, with {@code repeatables} repeatable migrations beside the versioned ones (at most one per entity built). */
    public static Corpus write(Path root, int size, int repeatables) {
        if (repeatables > MigrationScripts.entitiesBuilt(size)) {
            throw new IllegalArgumentException(size + " migrations build " + MigrationScripts.entitiesBuilt(size)
                    + " entities, too few for " + repeatables + " repeatables over one each");
        }
        Corpus corpus = new Corpus(root, size, repeatables);
        corpus.writeFiles();
        return corpus;
    }

    public Path hotgigsDirectory() {
        return root.resolve(HOTGIGS_DIRECTORY);
    }

    public Path flywayDirectory() {
        return root.resolve(FLYWAY_DIRECTORY);
    }

    /** The number of versioned migrations. */
    public int size() {
        return size;
    }

    public int repeatables() {
        return repeatables;
    }

    /** The repeatables' file names, in name order (the order both tools apply them in). */
    public List<String> repeatableFileNames() {
        List<String> names = new ArrayList<>();
        for (int number = 1; number <= repeatables; number++) {
            names.add(repeatableFileName(number));
        }
        return names;
    }

    /** The versioned hotgigs files in version order, then the repeatables: everything, as psql applies it. */
    public List<Path> allFilesInOrder() {
        List<Path> files = hotgigsFilesInOrder();
        repeatableFileNames().forEach(name -> files.add(hotgigsDirectory().resolve(name)));
        return files;
    }

    /** The hotgigs files in version order, for psql. */
    public List<Path> hotgigsFilesInOrder() {
        List<Path> files = new ArrayList<>();
        for (int number = 1; number <= size; number++) {
            files.add(hotgigsDirectory().resolve(hotgigsFileName(number)));
        }
        return files;
    }

    public static String hotgigsFileName(int number) {
        return String.format("%05d_%s.sql", number, MigrationScripts.name(number));
    }

    public static String flywayFileName(int number) {
        return "V" + number + "__" + MigrationScripts.name(number) + ".sql";
    }

    private String repeatableFileName(int number) {
        return "R__" + MigrationScripts.repeatableName(number, repeatables, size) + ".sql";
    }

    private void writeFiles() {
        try {
            recreate(hotgigsDirectory());
            recreate(flywayDirectory());
            for (int number = 1; number <= size; number++) {
                byte[] sql = MigrationScripts.sql(number).getBytes(StandardCharsets.UTF_8);
                Files.write(hotgigsDirectory().resolve(hotgigsFileName(number)), sql);
                Files.write(flywayDirectory().resolve(flywayFileName(number)), sql);
            }
            for (int number = 1; number <= repeatables; number++) {
                byte[] sql = MigrationScripts.repeatableSql(number, repeatables, size).getBytes(StandardCharsets.UTF_8);
                Files.write(hotgigsDirectory().resolve(repeatableFileName(number)), sql);
                Files.write(flywayDirectory().resolve(repeatableFileName(number)), sql);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
