package com.hotgigs.migrate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code .sql} file found in a location, not read yet.
 *
 * @param location the location as configured, e.g. classpath:db/hotgigs
 * @param script   the path relative to the location, with / separators
 * @param url      where to read it; two resources with the same URL are the same file
 */
public record ScriptResource(String location, String script, URL url) {

    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    public String source() {
        return location + "/" + script;
    }

    public byte[] read() throws IOException {
        if ("file".equals(url.getProtocol())) {
            // A plain read, several times quicker than a URL stream when a location holds thousands of files.
            try {
                return Files.readAllBytes(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                throw new IOException("Malformed file URL " + url, e);
            }
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }
}
