package com.hotgigs.migrate.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a script's normalized text (UTF-8, no BOM, LF line endings), in lowercase hex. So a
 * checkout with Windows line endings matches a database migrated from Linux, and any other edit
 * does not.
 */
public record Checksum(String hex) {

    public static Checksum of(ScriptText script) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return new Checksum(HexFormat.of().formatHex(digest.digest(script.text().getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
