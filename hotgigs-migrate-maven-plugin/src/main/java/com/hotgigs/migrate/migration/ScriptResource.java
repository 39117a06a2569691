package com.hotgigs.migrate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code .sql} file found in a location, not read yet: a file in a directory, or an entry of a jar.
 *
 * @param location the location as configured, e.g. classpath:db/hotgigs
 * @param script   the path relative to the location, with / separators
 * @param file     the absolute file, for a script in a directory; null for a jar entry
 * @param jarEntry the {@code jar:} URL of a script in a jar; null for a file
 */
public record ScriptResource(String location, String script, Path file, URL jarEntry) {

    public static ScriptResource inDirectory(String location, String script, Path file) {
        return new ScriptResource(location, script, file, null);
    }

    public static ScriptResource inJar(String location, String script, URL jarEntry) {
        return new ScriptResource(location, script, null, jarEntry);
    }

    /** Two resources with the same identity are the same file, reached through two locations. */
    public String identity() {
        return file != null ? file.toString() : jarEntry.toString();
    }

    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    public String source() {
        return location + "/" + script;
    }

    public byte[] read() throws IOException {
        if (file != null) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = jarEntry.openStream()) {
            return in.readAllBytes();
        }
    }
}
