package com.hotgigs.migrate.migration;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationResolverTest {

    @TempDir
    Path base;

    @Test
    void readsDirectoriesRecursivelyInVersionOrder() throws IOException {
        Path dir = Files.createDirectories(base.resolve("db/sub"));
        Files.writeString(base.resolve("db/10_later.sql"), "SELECT 10;");
        Files.writeString(dir.resolve("2_nested.sql"), "SELECT 2;");
        Files.writeString(base.resolve("db/README.md"), "not a migration");

        List<Migration> migrations = resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db"));

        assertEquals(List.of("sub/2_nested.sql", "10_later.sql"), migrations.stream().map(Migration::script).toList());
        assertEquals("2_nested", migrations.get(0).displayName());
    }

    @Test
    void readsALinkedScriptButDoesNotFollowALinkedDirectory() throws IOException {
        Path elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("1_shared.sql"), "SELECT 1;");
        Path db = Files.createDirectories(base.resolve("db"));
        Files.createSymbolicLink(db.resolve("1_shared.sql"), elsewhere.resolve("1_shared.sql"));
        // A link back up would be a cycle if followed.
        Files.createSymbolicLink(db.resolve("loop"), base);

        List<Migration> migrations = resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db"));

        assertEquals(List.of("1_shared.sql"), migrations.stream().map(Migration::script).toList());
        assertEquals(Checksum.of(ScriptText.of("SELECT 1;")), migrations.get(0).checksum());
    }

    @Test
    void aLocationThatIsALinkToADirectoryIsRead() throws IOException {
        Path shared = Files.createDirectories(base.resolve("shared-migrations"));
        Files.writeString(shared.resolve("1_first.sql"), "SELECT 1;");
        Files.createSymbolicLink(base.resolve("db"), shared);

        List<Migration> migrations = resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db"));

        assertEquals(List.of("1_first"), migrations.stream().map(Migration::displayName).toList());
    }

    @Test
    void aDirectoryNamedLikeAScriptIsNamedInTheError() throws IOException {
        Files.createDirectories(base.resolve("db/3_not_a_file.sql"));

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db")));

        assertTrue(failure.getMessage().startsWith("Migration file filesystem:db/3_not_a_file.sql could not be read:"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("Is a directory"), failure.getMessage());
    }

    @Test
    void aScriptWithAnUpperCaseExtensionIsAnErrorNamingItNotSkipped() throws IOException {
        Path db = Files.createDirectories(base.resolve("db"));
        Files.writeString(db.resolve("001_a.sql"), "SELECT 1;");
        Files.writeString(db.resolve("002_b.SQL"), "SELECT 2;");
        Files.writeString(db.resolve("003_c.Sql"), "SELECT 3;");

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db")));

        assertEquals(ErrorCode.INVALID_MIGRATION_FILE, failure.code());
        assertTrue(failure.getMessage().contains("Migration file filesystem:db/002_b.SQL ends in .SQL, not .sql: migrations are "
                + "read only with the lower-case extension. Rename it to 002_b.sql"), failure.getMessage());
        assertTrue(failure.getMessage().contains("filesystem:db/003_c.Sql ends in .Sql"), failure.getMessage());
    }

    @Test
    void anUpperCaseExtensionInAJarIsNamedToo() throws IOException {
        Path jar = jar("schema.jar", "db/hotgigs/001_a.sql", "db/hotgigs/002_b.SQL");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ConfigurationException failure = assertThrows(ConfigurationException.class,
                    () -> resolver(loader).resolve(List.of("classpath:db/hotgigs")));

            assertTrue(failure.getMessage().contains("classpath:db/hotgigs/002_b.SQL ends in .SQL"), failure.getMessage());
        }
    }

    @Test
    void aNulByteIsAnErrorNamingFileLineAndColumnWithoutTheByte() throws IOException {
        Path db = Files.createDirectories(base.resolve("db"));
        Files.writeString(db.resolve("001_a.sql"), "SELECT 1;\nSELECT 'caf\u00e9\0x';\n");

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db")));

        assertEquals("Migration file filesystem:db/001_a.sql has a NUL byte at line 2, column 13, which PostgreSQL cannot "
                + "take in SQL text. Remove it (a file saved as UTF-16 is full of them: save it as UTF-8).", failure.getMessage());
        assertFalse(failure.getMessage().contains("\0"));
    }

    @Test
    void checksumsDoNotDependOnWhetherTheFileNeededNormalizing() throws IOException {
        Path db = Files.createDirectories(base.resolve("db"));
        String text = "CREATE TABLE caf\u00e9 (id int);\nSELECT 1;\n";
        Files.writeString(db.resolve("1_unix.sql"), text);
        Files.writeString(db.resolve("2_windows.sql"), "\uFEFF" + text.replace("\n", "\r\n"));
        byte[] large = ("SELECT 'x';\n".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        Files.write(db.resolve("3_larger_than_the_buffer.sql"), large);

        List<Migration> migrations = resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db"));

        assertEquals(sha256Hex(text.getBytes(StandardCharsets.UTF_8)), migrations.get(0).checksum().hex());
        assertEquals(migrations.get(0).checksum(), migrations.get(1).checksum());
        assertEquals(text, migrations.get(1).sql().text());
        assertEquals(sha256Hex(large), migrations.get(2).checksum().hex());
        assertEquals(large.length, migrations.get(2).sql().text().length());
    }

    @Test
    void readsJarsByTheirEntriesAndCountsTheSameJarTwiceAsOneFile() throws IOException {
        Path jar = jar("schema.jar", "db/hotgigs/001_initial.sql", "db/hotgigs/002_more.sql", "db/other/001_x.sql");
        try (URLClassLoader twice = new URLClassLoader(new URL[] {jar.toUri().toURL(), jar.toUri().toURL()}, null)) {
            List<Migration> migrations = resolver(twice).resolve(List.of("classpath:db/hotgigs", "classpath:/db/hotgigs/"));

            assertEquals(List.of("001_initial", "002_more"), migrations.stream().map(Migration::displayName).toList());
            assertEquals("classpath:db/hotgigs", migrations.get(0).location());
            assertEquals(Checksum.of(ScriptText.of("-- db/hotgigs/001_initial.sql\n")), migrations.get(0).checksum());
        }
    }

    @Test
    void leavesNoJarOpenOnceResolved() throws IOException {
        Path procFds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(procFds), "needs /proc to list open files");
        Path jar = jar("kept-closed.jar", "db/hotgigs/001_initial.sql", "db/hotgigs/002_more.sql");
        List<Migration> migrations;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            migrations = resolver(loader).resolve(List.of("classpath:db/hotgigs"));
        }

        assertEquals(2, migrations.size());
        assertFalse(openFiles(procFds).contains(jar.toRealPath()), "the jar is still open once its class loader is closed");
    }

    private static List<Path> openFiles(Path procFds) throws IOException {
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(procFds)) {
            for (Path fd : fds.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor is gone by the time it is read.
                }
            }
        }
        return open;
    }

    @Test
    void sameVersionInTwoJarsIsADuplicateNamingBoth() throws IOException {
        Path first = jar("a.jar", "db/hotgigs/001_initial.sql");
        Path second = jar("b.jar", "db/hotgigs/1_other.sql");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {first.toUri().toURL(), second.toUri().toURL()}, null)) {
            ConfigurationException failure = assertThrows(ConfigurationException.class,
                    () -> resolver(loader).resolve(List.of("classpath:db/hotgigs")));

            assertEquals(ErrorCode.DUPLICATE_VERSION, failure.code());
            assertTrue(failure.getMessage().contains("001_initial.sql and classpath:db/hotgigs/1_other.sql"), failure.getMessage());
        }
    }

    @Test
    void missingLocationsAreErrorsThatSayWhatToDo() {
        ConfigurationException classpath = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("classpath:db/nowhere")));
        assertTrue(classpath.getMessage().contains("com.hotgigs:hotgigs-schema"), classpath.getMessage());

        ConfigurationException filesystem = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("filesystem:missing")));
        assertTrue(filesystem.getMessage().contains(base.resolve("missing").toString()), filesystem.getMessage());
    }

    @Test
    void filesThatAreNotUtf8AreNamed() throws IOException {
        Files.createDirectories(base.resolve("db"));
        // Line 2 holds a UTF-8 letter before the Latin-1 one: the column counts characters, as an editor does.
        java.io.ByteArrayOutputStream latin1 = new java.io.ByteArrayOutputStream();
        latin1.writeBytes("SELECT 1;\nSELECT '\u00fc".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        latin1.write(0xE9);
        latin1.write('\'');
        Files.write(base.resolve("db/001_latin1.sql"), latin1.toByteArray());

        ConfigurationException failure = assertThrows(ConfigurationException.class,
                () -> resolver(getClass().getClassLoader()).resolve(List.of("filesystem:db")));

        assertTrue(failure.getMessage().contains("001_latin1.sql is not valid UTF-8 at line 2, column 10 (byte 0xE9): save it "
                + "as UTF-8"), failure.getMessage());
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private MigrationResolver resolver(ClassLoader loader) {
        return new MigrationResolver(new LocationScanner(loader, base));
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = base.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(("-- " + entry + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }
}
