package io.toolcatalog.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin token of a node started without any token: never open by default. It is logged once,
 * at WARN; with dev services it is also kept in {@code <data-dir>/admin-token} (mode 600) and
 * reused on the next start, so a developer can run {@code TOKEN=$(cat .data/admin-token)}.
 */
final class GeneratedAdminToken {

    private static final Logger log = LoggerFactory.getLogger(GeneratedAdminToken.class);

    private GeneratedAdminToken() {}

    /** {@code file} null: not kept anywhere but in the log. */
    static String obtain(Path file) {
        if (file != null && Files.isRegularFile(file)) {
            String token = read(file);
            if (!token.isBlank()) {
                log.warn("No API token configured: using the admin token kept in {}", file.toAbsolutePath());
                return token;
            }
        }
        String token = generate();
        if (file != null) {
            write(file, token);
            log.warn(
                    "No API token configured (CATALOG_ADMIN_TOKEN): generated admin token {} (kept in {})",
                    token,
                    file.toAbsolutePath());
        } else {
            log.warn(
                    "No API token configured (CATALOG_ADMIN_TOKEN): generated admin token {} (valid until restart)",
                    token);
        }
        return token;
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
