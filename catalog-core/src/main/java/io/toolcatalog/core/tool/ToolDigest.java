package io.toolcatalog.core.tool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;

/**
 * The catalog's digest, one function written twice: here for a node's snapshot and in {@link #SQL}
 * for the {@code tools} table, so a node can compare its content with the database's cheaply. Each
 * tool counts as the first 8 bytes of the MD5 of its document: name, version, revision,
 * description, category, tags, enabled and profiles (as PostgreSQL prints the {@code jsonb}), each
 * text prefixed by its length in UTF-8 bytes so no two documents run together. The digest is their
 * XOR (order-free, and updated per changed entry), shown as 16 hex digits. Content counts, not only
 * the version: a row that differs under the same version (a forged message, a hand edit) shows.
 */
public final class ToolDigest {

    /** The digest of the {@code tools} table, as an SQL expression over it (a bigint). */
    public static final String SQL = "(SELECT coalesce(bit_xor(CAST(CAST('x' || left(md5(" + document("t") + "), 16)"
            + " AS bit(64)) AS bigint)), 0) FROM tools t)";

    private static final ToolJson JSON = new ToolJson();

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    });

    private ToolDigest() {}

    /** One tool's share of the digest. */
    public static long entry(Tool tool) {
        StringBuilder doc = new StringBuilder(256);
        field(doc, tool.name());
        field(doc, Integer.toString(tool.version()));
        field(doc, Long.toString(tool.revision()));
        field(doc, tool.description());
        field(doc, tool.category());
        doc.append(tool.tags().size()).append(':');
        tool.tags().forEach(tag -> field(doc, tag));
        doc.append(tool.enabled() ? 't' : 'f');
        field(doc, JSON.writeProfiles(tool.profiles()));
        byte[] hash = MD5.get().digest(doc.toString().getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return value;
    }

    /**
     * Whether {@link #entry} would give the two the same value, known without computing it: every
     * field of the document is equal, profiles by their stored text (profiles held otherwise count
     * as different, so the entry is computed). A full reload keeps an unchanged row's entry by this.
     */
    public static boolean sameDocument(Tool a, Tool b) {
        return sameDocument(a, b, false);
    }

    /**
     * {@link #sameDocument(Tool, Tool)}, told that the two hold the same profiles text when that is
     * known already ({@link Tool#requireReadable} reused the parse), so the text is not compared twice.
     */
    public static boolean sameDocument(Tool a, Tool b, boolean sameProfilesText) {
        return a.version() == b.version()
                && a.revision() == b.revision()
                && a.enabled() == b.enabled()
                && a.name().equals(b.name())
                && Objects.equals(a.description(), b.description())
                && Objects.equals(a.category(), b.category())
                && a.tags().equals(b.tags())
                && (sameProfilesText || sameText(a.profiles(), b.profiles()));
    }

    private static boolean sameText(Map<String, Profile> a, Map<String, Profile> b) {
        return a == b
                || a instanceof StoredProfiles stored
                        && b instanceof StoredProfiles other
                        && stored.json().equals(other.json());
    }

    /** How a digest is shown: 16 hex digits. */
    public static String format(long digest) {
        return String.format("%016x", digest);
    }

    private static void field(StringBuilder doc, String value) {
        if (value == null) {
            doc.append('~');
        } else {
            doc.append(value.getBytes(StandardCharsets.UTF_8).length)
                    .append(':')
                    .append(value);
        }
    }

    /** {@link #entry}'s document of the row aliased {@code t}, in SQL. */
    private static String document(String t) {
        return field(t + ".name") + " || " + field(t + ".version::text") + " || " + field(t + ".revision::text")
                + " || " + field(t + ".description") + " || " + field(t + ".category")
                + " || coalesce(cardinality(" + t + ".tags), 0) || ':' || coalesce((SELECT string_agg("
                + field("u.tag") + ", '' ORDER BY u.i) FROM unnest(" + t + ".tags) WITH ORDINALITY AS u(tag, i)), '')"
                + " || CASE WHEN " + t + ".enabled THEN 't' ELSE 'f' END || " + field(t + ".profiles::text");
    }

    private static String field(String column) {
        return "(CASE WHEN " + column + " IS NULL THEN '~' ELSE octet_length(" + column + ") || ':' || " + column
                + " END)";
    }
}
