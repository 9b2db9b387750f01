package io.toolcatalog.api.watch;

import io.toolcatalog.core.store.ChangeSpan;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every read of PostgreSQL a watch request causes, coalesced and bounded: concurrent requests
 * share one read of the committed revision, and one read of the change log per span; a span
 * longer than {@code maxSpan} revisions is not read at all (the watcher gets a snapshot, which
 * costs no read). Reads run on a few threads of their own ({@link WatchDatabase}), never on the
 * request thread, and anonymous callers can queue only behind each other.
 */
final class ChangeLogReads {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogReads.class);

    private record Span(long after, long upTo) {}

    private record Flight(long startedNanos, CompletableFuture<Long> revision) {}

    private final WatchDatabase database;
    private final Executor reads;
    private final long maxSpan;
    private final Duration wait;
    private final WatchMetrics metrics;
    private final AtomicReference<Flight> revisionRead = new AtomicReference<>();
    private final Map<Span, CompletableFuture<ChangeSpan>> spanReads = new ConcurrentHashMap<>();
    private volatile long highestCommitted;

    ChangeLogReads(WatchDatabase database, Executor reads, long maxSpan, Duration wait, WatchMetrics metrics) {
        this.database = database;
        this.reads = reads;
        this.maxSpan = maxSpan;
        this.wait = wait;
        this.metrics = metrics;
    }

    /**
     * True when the database has committed {@code revision}. Revisions only grow, so one seen once
     * needs no read; otherwise the caller joins the read in flight, or one started after it came.
     *
     * @throws IllegalStateException the database did not answer within the wait
     */
    boolean committed(long revision) {
        long arrived = System.nanoTime();
        for (int attempt = 0; attempt < 2 && revision > highestCommitted; attempt++) {
            Flight flight = revisionRead.get();
            if (flight == null || flight.revision().isDone()) {
                Flight mine = new Flight(System.nanoTime(), new CompletableFuture<>());
                if (revisionRead.compareAndSet(flight, mine)) {
                    read(mine);
                }
                flight = revisionRead.get();
            }
            long seen = await(flight.revision());
            highestCommitted = Math.max(highestCommitted, seen);
            if (flight.startedNanos() - arrived >= 0) {
                break; // a read that began after this call came: its answer is final
            }
        }
        return revision <= highestCommitted;
    }

    /** The highest revision the database was seen to have committed. */
    long highestCommitted() {
        return highestCommitted;
    }

    /**
     * Resolves a subscription opened unresolved at {@code since}: with the change log's names of
     * (since, its revision], or as a snapshot when the log no longer covers the span, the span is
     * too long to read, or the read failed.
     */
    void resolve(Subscription subscription, long since) {
        long upTo = subscription.unresolvedUpTo();
        if (upTo - since > maxSpan) {
            subscription.resolveAsReset();
            return;
        }
        CompletableFuture<ChangeSpan> read;
        try {
            read = spanReads.computeIfAbsent(new Span(since, upTo), this::startRead);
        } catch (RuntimeException e) { // the read threads are busy or stopping
            log.debug("Change log read after revision {} not started ({}): the watcher gets a snapshot", since, e);
            subscription.resolveAsReset();
            return;
        }
        read.whenComplete((span, error) -> {
            if (error != null) {
                log.debug(
                        "Reading the change log after revision {} failed ({}); the watcher gets a snapshot",
                        since,
                        error.toString());
                subscription.resolveAsReset();
            } else if (span.complete()) {
                subscription.resolve(since, span.names(), span.lastChange());
            } else {
                log.debug("Change log no longer covers revision {}: the watcher starts over with a snapshot", since);
                subscription.resolveAsReset();
            }
        });
    }

    private CompletableFuture<ChangeSpan> startRead(Span span) {
        CompletableFuture<ChangeSpan> read = new CompletableFuture<>();
        reads.execute(() -> {
            metrics.databaseRead();
            try {
                read.complete(database.changes(span.after(), span.upTo()));
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
            } finally {
                spanReads.remove(span, read);
            }
        });
        return read;
    }

    private void read(Flight flight) {
        try {
            reads.execute(() -> {
                metrics.databaseRead();
                try {
                    flight.revision().complete(database.revision());
                } catch (RuntimeException e) {
                    flight.revision().completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            flight.revision().completeExceptionally(e);
        }
    }

    private long await(CompletableFuture<Long> revision) {
        try {
            return revision.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the committed revision", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the committed revision could not be read", e);
        }
    }
}
