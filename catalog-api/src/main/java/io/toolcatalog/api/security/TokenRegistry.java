package io.toolcatalog.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The tokens this node accepts, held only as SHA-256 hashes. A presented token is hashed and
 * compared with every known hash in constant time, so neither the answer nor its timing tells
 * how close a guess was.
 */
final class TokenRegistry {

    private final List<Entry> entries;

    private TokenRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static TokenRegistry from(SecurityProperties properties) {
        List<Entry> entries = new ArrayList<>();
        addPlain(entries, "admin", Role.ADMIN, properties.adminToken());
        addPlain(entries, "editor", Role.EDITOR, properties.editorToken());
        addPlain(entries, "reader", Role.READER, properties.readerToken());
        for (int i = 0; i < properties.tokens().size(); i++) {
            SecurityProperties.HashedToken token = properties.tokens().get(i);
            String where = "catalog.security.tokens[" + i + "]";
            if (token.principal() == null || token.principal().isBlank() || token.role() == null) {
                throw new IllegalStateException(where + " needs a principal and a role");
            }
            if (token.sha256() == null || !token.sha256().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException(where + ".sha256 must be 64 hex digits (the token's SHA-256)");
            }
            entries.add(new Entry(
                    new Caller(token.principal(), token.role()),
                    HexFormat.of().parseHex(token.sha256().toLowerCase())));
        }
        return new TokenRegistry(entries);
    }

    static TokenRegistry ofAdmin(String token) {
        return new TokenRegistry(List.of(new Entry(new Caller("admin", Role.ADMIN), sha256(token))));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Optional<Caller> find(String token) {
        byte[] hash = sha256(token);
        Caller found = null;
        for (Entry entry : entries) {
            // no early exit: every presented token costs the same comparisons
            if (MessageDigest.isEqual(entry.hash(), hash) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void addPlain(List<Entry> entries, String principal, Role role, String token) {
        if (token != null && !token.isBlank()) {
            entries.add(new Entry(new Caller(principal, role), sha256(token)));
        }
    }

    private record Entry(Caller caller, byte[] hash) {}
}
