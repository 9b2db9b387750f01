package io.toolcatalog.node.cluster;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the cluster's messages with the cluster's key ({@code
 * catalog.cluster.message-key}): HMAC-SHA256 over the exact JSON payload, sent as one more field,
 * {@code "signature"}, appended last ({@code {...,"signature":"<64 hex>"}}). A node of a build that
 * does not sign ignores the field like any unknown one. With no key, nothing is signed and nothing
 * checked.
 */
final class MessageSignature {

    private static final byte[] FIELD = ",\"signature\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /**
     * Keyed once and copied for each message: looking the algorithm up among the providers and keying
     * it for every message was most of a signature's cost (over 1 % of a write's CPU on the writer).
     */
    private final Mac keyed;

    MessageSignature(String key) {
        this.key = key == null || key.isEmpty()
                ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.keyed = this.key == null ? null : newMac();
    }

    /** Whether messages are signed and only signed ones accepted. */
    boolean enabled() {
        return key != null;
    }

    /** {@code payload} (a JSON object) with its signature appended; unchanged without a key. */
    byte[] sign(byte[] payload) {
        if (key == null) {
            return payload;
        }
        byte[] hex = HEX.formatHex(mac(payload)).getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(payload, payload.length - 1 + FIELD.length + hex.length + 2);
        int at = payload.length - 1;
        System.arraycopy(FIELD, 0, body, at, FIELD.length);
        System.arraycopy(hex, 0, body, at + FIELD.length, hex.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    /** Whether {@code body} ends with the signature of what precedes it. */
    boolean verify(byte[] body) {
        int at = body.length - 2 - HEX_LENGTH - FIELD.length;
        if (key == null || at < 1 || body[body.length - 1] != '}' || body[body.length - 2] != '"') {
            return false;
        }
        if (!Arrays.equals(body, at, at + FIELD.length, FIELD, 0, FIELD.length)) {
            return false;
        }
        byte[] payload = Arrays.copyOf(body, at + 1);
        payload[at] = '}';
        byte[] given;
        try {
            given = HEX.parseHex(new String(body, at + FIELD.length, HEX_LENGTH, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(payload), given);
    }

    private byte[] mac(byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone(); // the keyed one is never used itself, so copies may be taken at once
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return mac.doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JVM", e);
        }
    }
}
