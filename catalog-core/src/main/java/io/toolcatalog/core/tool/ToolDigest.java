package io.toolcatalog.core.tool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The catalog's digest, one function written twice: here for a node's snapshot and in {@link #SQL}
 * for the {@code tools} table, so a node can compare its content with the database's cheaply. Each
 * tool counts as the first 8 bytes of MD5("name:version") read as a big-endian long; the digest is
 * their XOR (order-free, and updated per changed entry), shown as 16 hex digits.
 */
public final class ToolDigest {

    /** The digest of the {@code tools} table, as an SQL expression over it (a bigint). */
    public static final String SQL =
            "(SELECT coalesce(bit_xor(CAST(CAST('x' || left(md5(t.name || ':' || t.version), 16)"
                    + " AS bit(64)) AS bigint)), 0) FROM tools t)";

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private ToolDigest() {}

    /** One tool's share of the digest. */
    public static long entry(String name, int version) {
        byte[] hash = MD5.get().digest((name + ':' + version).getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return value;
    }

    /** How a digest is shown: 16 hex digits. */
    public static String format(long digest) {
        return String.format("%016x", digest);
    }
}
