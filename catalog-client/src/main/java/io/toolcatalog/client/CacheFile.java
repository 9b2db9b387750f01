package io.toolcatalog.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog kept on disk, so a pipeline starts serving even when every node is down. It is
 * written whole to a temporary file beside it, flushed to disk, then renamed over the old one: a
 * reader (or a crash) sees the old file or the new one, never half of one. A file that cannot be
 * read is ignored with a warning: the client then waits for a node instead.
 */
final class CacheFile {

    private static final Logger log = LoggerFactory.getLogger(CacheFile.class);

    private final Path path;
    private volatile String unreadable;

    CacheFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    Optional<CatalogState> read() {
        unreadable = null;
        try {
            byte[] content = Files.readAllBytes(path);
            CatalogState state =
                    Json.MAPPER.readValue(content, Json.Snapshot.class).toState();
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

    /** Why the last {@link #read()} found the file unreadable; empty when it was read or absent. */
    Optional<String> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    void write(CatalogState state) throws IOException {
        ByteBuffer content = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(Json.Snapshot.of(state)));
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
}
