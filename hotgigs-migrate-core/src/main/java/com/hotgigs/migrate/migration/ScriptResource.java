package com.hotgigs.migrate.migration;

import java.io.File;

/**
 * A {@code .sql} file found in a location: a file in a directory, read when asked, or an entry of a
 * jar, read while the scan has the jar open: the JDK's jar URLs would keep the file open for the
 * life of the JVM (and locked, on Windows) after the build is done with it.
 *
 * @param location   the location as configured, e.g. classpath:db/hotgigs
 * @param script     the path relative to the location, with / separators
 * @param identity   the file's absolute path or the entry's {@code jar:} URL: two resources with the
 *                   same identity are the same file, reached through two locations
 * @param file       the file, for a script in a directory; null for a jar entry
 * @param jarContent the entry's bytes, for a script in a jar; null for a file
 */
public record ScriptResource(String location, String script, String identity, File file, byte[] jarContent) {

    public static ScriptResource inDirectory(String location, String script, File file) {
        return new ScriptResource(location, script, file.getPath(), file, null);
    }

    public static ScriptResource inJar(String location, String script, String entryUrl, byte[] content) {
        return new ScriptResource(location, script, entryUrl, null, content);
    }

    public String fileName() {
        return script.substring(script.lastIndexOf('/') + 1);
    }

    public String source() {
        return location + "/" + script;
    }
}
