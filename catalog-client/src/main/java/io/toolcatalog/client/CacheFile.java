package io.toolcatalog.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog kept on disk, so a pipeline starts serving even when every node is down. It is
 * written whole to a temporary file beside it, flushed to disk, then renamed over the old one: a
 * reader (or a crash) sees the old file or the new one, never half of one. The JSON ends with the
 * SHA-256 of everything before it ({@code ,"sha256":"…"}}): a file that does not match its
 * checksum (edited, damaged, or written by a version that kept none) or cannot be read is ignored
 * with a warning, and the client then waits for a node instead. The file also names the consumer
 * (id and labels) whose view it holds: a client that now names itself otherwise still serves it
 * at start, but takes a full snapshot rather than resuming from it.
 */
final class CacheFile {

    private static final Logger log = LoggerFactory.getLogger(CacheFile.class);

    private static final byte[] CHECKSUM_FIELD = ",\"sha256\":\"".getBytes(StandardCharsets.US_ASCII);
    /** {@code ,"sha256":"} + 64 hex digits + {@code "}}. */
    private static final int CHECKSUM_SUFFIX = CHECKSUM_FIELD.length + 64 + 2;

    private final Path path;
    private final String consumer;
    private volatile String unreadable;
    private volatile boolean anotherConsumer;

    CacheFile(Path path) {
        this(path, null);
    }

    /** {@code consumer}: the identity written with the state, {@code <id> <labels>}; {@code null} for none. */
    CacheFile(Path path, String consumer) {
        this.path = path.toAbsolutePath();
        this.consumer = consumer;
    }

    Path path() {
        return path;
    }

    Optional<CatalogState> read() {
        unreadable = null;
        anotherConsumer = false;
        try {
            byte[] content = verified(Files.readAllBytes(path));
            Json.Snapshot snapshot = Json.MAPPER.readValue(content, Json.Snapshot.class);
            CatalogState state = snapshot.toState();
            anotherConsumer = consumer != null && snapshot.consumer() != null && !consumer.equals(snapshot.consumer());
            if (anotherConsumer) {
                log.info(
                        "Catalog cache file {} holds the view of '{}', this client is '{}': serving it until a full snapshot replaces it",
                        path,
                        snapshot.consumer(),
                        consumer);
            }
            log.info(
                    "Catalog cache file {} read: revision {}, {} tools",
                    path,
                    state.revision(),
                    state.tools().size());
            return Optional.of(state);
        } catch (NoSuchFileException e) {
            log.info("No catalog cache file at {} yet", path);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            unreadable = e.toString();
            log.warn("Catalog cache file {} is unreadable and is ignored: {}", path, unreadable);
            return Optional.empty();
        }
    }

    /** Whether the last {@link #read()} found the view of another consumer id or other labels. */
    boolean heldAnotherConsumer() {
        return anotherConsumer;
    }

    /** Why the last {@link #read()} found the file unreadable; empty when it was read or absent. */
    Optional<String> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    void write(CatalogState state) throws IOException {
        ByteBuffer content =
                ByteBuffer.wrap(withChecksum(Json.MAPPER.writeValueAsBytes(Json.Snapshot.of(state, consumer))));
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, path.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The JSON object {@code json} with its checksum as its last field. */
    static byte[] withChecksum(byte[] json) {
        if (json.length < 2 || json[json.length - 1] != '}') {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] suffix = (HexFormat.of().formatHex(sha256(json)) + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(json, json.length - 1 + CHECKSUM_FIELD.length + suffix.length);
        System.arraycopy(CHECKSUM_FIELD, 0, out, json.length - 1, CHECKSUM_FIELD.length);
        System.arraycopy(suffix, 0, out, json.length - 1 + CHECKSUM_FIELD.length, suffix.length);
        return out;
    }

    /** The JSON as it was written, without its checksum; throws when the checksum is missing or wrong. */
    static byte[] verified(byte[] content) throws IOException {
        int start = content.length - CHECKSUM_SUFFIX;
        if (start < 1
                || !Arrays.equals(
                        content, start, start + CHECKSUM_FIELD.length, CHECKSUM_FIELD, 0, CHECKSUM_FIELD.length)
                || content[content.length - 2] != '"'
                || content[content.length - 1] != '}') {
            throw new IOException("it has no checksum");
        }
        byte[] json = Arrays.copyOf(content, start + 1);
        json[start] = '}';
        String recorded = new String(content, start + CHECKSUM_FIELD.length, 64, StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(
                HexFormat.of().formatHex(sha256(json)).getBytes(StandardCharsets.US_ASCII),
                recorded.getBytes(StandardCharsets.US_ASCII))) {
            throw new IOException("its checksum does not match its content");
        }
        return json;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
