package io.toolcatalog.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of tokens, held only as SHA-256 hashes. A presented token is hashed and compared with
 * every known hash in constant time, so neither the answer nor its timing tells how close a guess
 * was.
 */
final class TokenRegistry {

    static final TokenRegistry EMPTY = new TokenRegistry(List.of());

    private final List<Entry> entries;

    private TokenRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The role tokens ({@code admin}, {@code approver}, …) and the hashed ones of the properties. */
    static TokenRegistry from(SecurityProperties properties) {
        List<Entry> entries = new ArrayList<>();
        addPlain(entries, "admin", Role.ADMIN, properties.adminToken());
        addPlain(entries, "approver", Role.APPROVER, properties.approverToken());
        addPlain(entries, "editor", Role.EDITOR, properties.editorToken());
        addPlain(entries, "reader", Role.READER, properties.readerToken());
        entries.addAll(hashed(properties.tokens(), "catalog.security.tokens").entries);
        return new TokenRegistry(entries);
    }

    /**
     * Tokens known by their hashes; {@code where} names their source in the error when one is not
     * complete, or when two share a hash (which would make the principal depend on the order).
     */
    static TokenRegistry hashed(List<SecurityProperties.HashedToken> tokens, String where) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            SecurityProperties.HashedToken token = tokens.get(i);
            String at = where + "[" + i + "]";
            if (token == null || token.principal() == null || token.principal().isBlank() || token.role() == null) {
                throw new IllegalStateException(at + " needs a name and a role");
            }
            if (token.sha256() == null || !token.sha256().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalStateException(at + ".sha256 must be 64 hex digits (the token's SHA-256)");
            }
            String hash = token.sha256().toLowerCase();
            if (!seen.add(hash)) {
                throw new IllegalStateException(at + ".sha256 is the hash of an earlier entry's token");
            }
            entries.add(new Entry(
                    new Caller(token.principal(), token.role()), HexFormat.of().parseHex(hash)));
        }
        return new TokenRegistry(entries);
    }

    static TokenRegistry ofAdmin(String token) {
        return new TokenRegistry(List.of(new Entry(new Caller("admin", Role.ADMIN), sha256(token))));
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    Optional<Caller> find(String token) {
        return find(sha256(token));
    }

    /** As {@link #find(String)}, for a token already hashed. */
    Optional<Caller> find(byte[] hash) {
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
