package com.hotgigs.migrate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine is a library first: no compiled class of the core may refer to Maven, Plexus or the
 * Maven resolver. The compiled classes are read, not the sources, because a fully qualified name
 * or a static import uses a type without an import line; every type a class refers to is named in
 * its constant pool in internal form ({@code org/apache/maven/...}).
 */
class EngineIndependenceTest {

    private static final List<String> FORBIDDEN = List.of("org/apache/maven/", "org/codehaus/plexus/", "org/eclipse/aether/");

    @Test
    void compiledEngineRefersToNothingOfMaven() throws IOException {
        Path classes = Path.of("target/classes/com/hotgigs/migrate");
        assertTrue(Files.isDirectory(classes), "run after compiling, from the module directory");
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
            assertFalse(classFiles.isEmpty(), "no compiled engine classes under " + classes);
            List<String> offenders = classFiles.stream()
                    .filter(EngineIndependenceTest::refersToMaven)
                    .map(Path::toString)
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void theCheckSeesAReferenceInBytecode() {
        byte[] mojoReference = "\u0001\u0000\u0028Lorg/apache/maven/plugin/logging/Log;".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(refersToMaven(mojoReference));
        assertFalse(refersToMaven("Ljava/lang/String;".getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static boolean refersToMaven(Path classFile) {
        try {
            return refersToMaven(Files.readAllBytes(classFile));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean refersToMaven(byte[] classBytes) {
        // Class and descriptor names are stored as (modified) UTF-8; these prefixes are ASCII.
        String text = new String(classBytes, StandardCharsets.ISO_8859_1);
        return FORBIDDEN.stream().anyMatch(text::contains);
    }
}
