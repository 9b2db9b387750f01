package io.toolcatalog.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token of a node started without any token: never open by default. With dev services
 * it is kept in {@code <data-dir>/admin-token} (mode 600) and reused on the next start, so a
 * developer can run {@code TOKEN=$(cat .data/admin-token)}; the log then names the file and a
 * fingerprint only, so the secret is not copied into log storage. Kept nowhere else, it is logged
 * once in full at WARN: the log is the only way to learn it.
 */
final class GeneratedAdminToken {

    private static final Logger log = LoggerFactory.getLogger(GeneratedAdminToken.class);

    private GeneratedAdminToken() {}

    /** {@code file} null: not kept anywhere but in the log. */
    static String obtain(Path file) {
        if (file != null && Files.isRegularFile(file)) {
            String token = read(file);
            if (!token.isBlank()) {
                log.warn(
                        "No API token configured: using the admin token kept in {} (fingerprint {})",
                        file.toAbsolutePath(),
                        fingerprint(token));
                return token;
            }
        }
        String token = generate();
        if (file != null) {
            write(file, token);
            log.warn(
                    "No API token configured (CATALOG_ADMIN_TOKEN): generated an admin token, kept in {}"
                            + " (fingerprint {})",
                    file.toAbsolutePath(),
                    fingerprint(token));
        } else {
            log.warn(
                    "No API token configured (CATALOG_ADMIN_TOKEN): generated admin token {} (valid until restart)",
                    token);
        }
        return token;
    }

    /** Enough to tell tokens apart, nothing to use one: 4 characters and a short hash of the whole. */
    static String fingerprint(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return token.substring(0, Math.min(4, token.length())) + "…sha256:"
                    + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the admin token from " + file, e);
        }
    }

    private static void write(Path file, String token) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file); // not a POSIX file system
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin token in " + file, e);
        }
    }
}
