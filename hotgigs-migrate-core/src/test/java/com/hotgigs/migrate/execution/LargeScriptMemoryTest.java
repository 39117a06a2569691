package com.hotgigs.migrate.execution;

import com.hotgigs.migrate.migration.LocationScanner;
import com.hotgigs.migrate.migration.Migration;
import com.hotgigs.migrate.migration.MigrationResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 50 MB script of 540,000 statements is read, split and checked in a JVM whose heap is less than
 * three copies of its text: the statements point into the script's one text instead of each
 * holding a copy of its own (with copies, what stays live is about 160 MB).
 */
class LargeScriptMemoryTest {

    private static final int STATEMENTS = 540_000;
    private static final String HEAP = "-Xmx144m";

    @TempDir
    Path directory;

    @Test
    void aFiftyMegabyteScriptIsSplitWithinASmallHeap() throws Exception {
        Path db = Files.createDirectories(directory.resolve("db"));
        try (BufferedWriter out = Files.newBufferedWriter(db.resolve("001_big.sql"), StandardCharsets.UTF_8)) {
            out.write("CREATE TABLE big (id int, payload text);\n");
            for (int i = 0; i < STATEMENTS; i++) {
                out.write("INSERT INTO big VALUES (" + i + ", 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do');\n");
            }
        }
        assertTrue(Files.size(db.resolve("001_big.sql")) > 50_000_000L, "the script is smaller than 50 MB");

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), SplitInSmallHeap.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child JVM did not finish");

        assertEquals(0, child.exitValue(), output);
        assertEquals("statements " + (STATEMENTS + 1), output.strip());
    }

    /** Runs in the child JVM: resolve and prepare the directory's migrations, print the statement count. */
    public static final class SplitInSmallHeap {
        public static void main(String[] args) throws IOException {
            List<Migration> migrations = new MigrationResolver(new LocationScanner(SplitInSmallHeap.class.getClassLoader(),
                    Path.of(args[0]))).resolve(List.of("filesystem:db"));
            PreparedMigration prepared = PreparedMigration.prepare(migrations.get(0), 15, true);
            System.out.println("statements " + prepared.statements().size());
        }
    }
}
