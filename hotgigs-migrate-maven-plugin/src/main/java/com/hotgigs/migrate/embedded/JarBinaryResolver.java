package com.hotgigs.migrate.embedded;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Hands the embedded server the PostgreSQL archive inside one binaries jar, named by path rather
 * than found on the classpath, so several versions can be used side by side.
 */
final class JarBinaryResolver implements PgBinaryResolver {

    private final Path jar;

    JarBinaryResolver(Path jar) {
        this.jar = jar;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry archive = zip.stream()
                .filter(entry -> entry.getName().startsWith("postgres-") && entry.getName().endsWith(".txz"))
                .findFirst()
                .orElse(null);
        if (archive == null) {
            zip.close();
            throw new IOException(jar + " holds no postgres-*.txz archive: it is not an embedded PostgreSQL binaries jar");
        }
        // The zip must stay open while the archive is read, and close with it.
        return new FilterInputStream(zip.getInputStream(archive)) {
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
