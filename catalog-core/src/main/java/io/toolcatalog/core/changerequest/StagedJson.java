package io.toolcatalog.core.changerequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A staged tool as its {@code jsonb} column holds it, and the content hash of a request's items:
 * SHA-256 of their canonical JSON (items by name, map keys sorted), so equal content hashes equal.
 */
public final class StagedJson {

    private final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged tool cannot be written", e);
        }
    }

    ToolDraft read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readValue(text, ToolDraft.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("staged tool cannot be read", e);
        }
    }

    /** The hash approvals are bound to. */
    public String contentHash(List<StagedEdit> items) {
        List<StagedEdit> sorted =
                items.stream().sorted(Comparator.comparing(StagedEdit::name)).toList();
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(write(sorted).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
