package com.hotgigs.migrate.embedded;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Hands the embedded server the PostgreSQL archive inside one binaries jar, named by path rather
 * than found on the classpath, so several versions can be used side by side.
 */
final class JarBinaryResolver implements PgBinaryResolver {

    private final Path jar;
    private final String archive;

    /** Checks at once that the jar holds an archive, so a wrong file fails here and not deep in start-up. */
    JarBinaryResolver(Path jar) {
        this.jar = jar;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            this.archive = zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.startsWith("postgres-") && name.endsWith(".txz"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            jar + " holds no postgres-*.txz archive: it is not an embedded PostgreSQL binaries jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read PostgreSQL binaries jar " + jar, e);
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        // The zip must stay open while the archive is read, and close with it.
        return new FilterInputStream(zip.getInputStream(zip.getEntry(archive))) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
