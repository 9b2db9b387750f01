package io.toolcatalog.api.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named tokens of {@code catalog.security.tokens-file}: a bare YAML list of
 * {@code {name, role, sha256}}. Read at start, where a bad file is an error (the node does not
 * start); afterwards a request looks at most once per check interval whether the file's content
 * changed, and rereads it: a bad file then keeps the last good set, with a WARN and a count, so a
 * typo never locks every named principal out. No thread of its own: the check rides on requests.
 */
final class TokensFile implements TokensFileStatus {

    private static final Logger log = LoggerFactory.getLogger(TokensFile.class);

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;
    private final long checkIntervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextCheck = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Loaded current;

    /** Reads {@code file}; throws {@link IllegalStateException} naming what is wrong with it. */
    TokensFile(Path file, Duration checkInterval, LongSupplier nanoTime) {
        this.file = file;
        this.checkIntervalNanos = Math.max(0, checkInterval.toNanos());
        this.nanoTime = nanoTime;
        this.current = load(file);
        this.nextCheck.set(nanoTime.getAsLong() + checkIntervalNanos);
        log.info("Read {} named tokens from {}", current.tokens().size(), file);
    }

    /** The tokens now: rereads the file first when the check interval has passed and it changed. */
    TokenRegistry tokens() {
        long now = nanoTime.getAsLong();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + checkIntervalNanos)) {
            refresh();
        }
        return current.tokens();
    }

    /** Rereads the file now if its content changed. */
    void refresh() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            reject("cannot be read: " + e.getClass().getSimpleName());
            return;
        }
        if (Arrays.equals(content, current.content())) {
            return;
        }
        try {
            current = parse(content);
            log.info(
                    "Tokens file {} changed: {} named tokens now",
                    file,
                    current.tokens().size());
        } catch (IllegalStateException e) {
            current = new Loaded(content, current.tokens()); // not parsed again until it changes again
            reject(e.getMessage());
        }
    }

    @Override
    public long rejectedChanges() {
        return rejected.get();
    }

    @Override
    public int namedTokens() {
        return current.tokens().size();
    }

    private void reject(String why) {
        rejected.incrementAndGet();
        log.warn(
                "Tokens file {} {}; keeping the {} named tokens read before",
                file,
                why,
                current.tokens().size());
    }

    private static Loaded load(Path file) {
        String where = "catalog.security.tokens-file " + file;
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(
                    where + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
        try {
            return parse(content);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(where + ": " + e.getMessage());
        }
    }

    private static Loaded parse(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        List<Line> lines;
        try {
            lines = text.isBlank() ? List.of() : YAML.readValue(text, new TypeReference<List<Line>>() {});
        } catch (JsonProcessingException e) {
            // the parser's message may quote the file, and a line of it could be a token pasted by
            // mistake: say where, and only an unknown role by name
            String role = e.getCause() instanceof IllegalArgumentException unknown ? ": " + unknown.getMessage() : "";
            throw new IllegalStateException("not a YAML list of {name, role, sha256} (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")" + role);
        }
        List<SecurityProperties.HashedToken> tokens = lines.stream()
                .map(l -> l == null ? null : new SecurityProperties.HashedToken(l.name(), l.role(), l.sha256()))
                .toList();
        return new Loaded(content, TokenRegistry.hashed(tokens, "tokens file entry"));
    }

    /** One entry as the file spells it; an unknown role fails the parse. */
    private record Line(
            @JsonProperty("name") String name,
            @JsonProperty("role") Role role,
            @JsonProperty("sha256") String sha256) {}

    private record Loaded(byte[] content, TokenRegistry tokens) {}
}
