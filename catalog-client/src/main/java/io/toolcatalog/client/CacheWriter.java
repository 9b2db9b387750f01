package io.toolcatalog.client;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the cache file a little after a change rather than at every change: a burst of changes
 * costs one write of the latest state. The reader thread only marks the state dirty; the write
 * happens on the scheduler thread.
 */
final class CacheWriter {

    private static final Logger log = LoggerFactory.getLogger(CacheWriter.class);

    private final CacheFile file;
    private final Supplier<CatalogState> current;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private CatalogState written;

    CacheWriter(CacheFile file, Supplier<CatalogState> current, ScheduledExecutorService scheduler, Duration delay) {
        this.file = file;
        this.current = current;
        this.scheduler = scheduler;
        this.delay = delay;
    }

    /** The state changed: write it soon, unless a write is already on its way. */
    void changed() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the client is closing: close() writes the file one last time
                scheduled.set(false);
            }
        }
    }

    /** Writes the current state now if the file does not hold it yet. */
    synchronized void flush() {
        scheduled.set(false);
        CatalogState state = current.get();
        if (state == null || state == written) {
            return;
        }
        try {
            file.write(state);
            written = state;
            log.debug("Catalog cache file {} written at revision {}", file.path(), state.revision());
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "Catalog cache file {} could not be written at revision {}: {}",
                    file.path(),
                    state.revision(),
                    e.toString());
        }
    }

    /** The cache file holds {@code state} (it was just read from it): no need to write it again. */
    synchronized void holds(CatalogState state) {
        written = state;
    }
}
