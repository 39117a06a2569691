package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine is a library first: nothing outside the maven package may import Maven or Plexus. */
class EngineIndependenceTest {

    @Test
    void engineSourcesImportNothingOfMaven() throws IOException {
        Path sources = Path.of("src/main/java/com/hotgigs/migrate");
        assertTrue(Files.isDirectory(sources), "run from the module directory");
        try (Stream<Path> files = Files.walk(sources)) {
            List<String> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(sources.resolve("maven")))
                    .filter(EngineIndependenceTest::importsMaven)
                    .map(Path::toString)
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static boolean importsMaven(Path file) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.apache.maven")
                    || line.startsWith("import org.codehaus.plexus") || line.startsWith("import org.eclipse.aether"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
