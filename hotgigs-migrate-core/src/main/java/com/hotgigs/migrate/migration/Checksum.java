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

    /** Cloned for each script: a provider lookup per script costs more than hashing a short one. */
    private static final MessageDigest SHA_256 = sha256();

    public static Checksum of(ScriptText script) {
        byte[] utf8 = script.text().getBytes(StandardCharsets.UTF_8);
        return ofUtf8(utf8, utf8.length);
    }

    /**
     * The checksum of the script whose normalized text is, encoded as UTF-8, the first
     * {@code length} of these bytes: a file that needed no normalizing is hashed as it was read.
     */
    static Checksum ofUtf8(byte[] normalizedUtf8, int length) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        digest.update(normalizedUtf8, 0, length);
        return new Checksum(HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
