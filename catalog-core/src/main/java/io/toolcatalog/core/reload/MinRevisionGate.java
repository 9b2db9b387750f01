package io.toolcatalog.core.reload;

import io.toolcatalog.core.error.DatabaseUnavailableException;
import io.toolcatalog.core.error.RevisionNotCommittedException;
import io.toolcatalog.core.error.RevisionNotReachedException;
import io.toolcatalog.core.store.CatalogSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Read-your-writes for {@code X-Catalog-Min-Revision: R}, priced for anonymous callers: an R this
 * node has applied passes at once; an R above the database's revision was never committed and is
 * refused at once; otherwise the read sleeps on the reloader's applied signal (no connection, no
 * lock, no polling) among at most {@code catalog.sync.max-revision-waiters} others.
 */
public final class MinRevisionGate {

    private final CatalogReloader reloader;
    private final CatalogSource source;
    private final SyncProperties sync;
    private final Semaphore waiters;
    /** The database revision read in flight, shared by everyone who asks while it runs. */
    private final AtomicReference<CompletableFuture<Long>> inFlight = new AtomicReference<>();

    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);

    /** Why a read was not served, counted for the operator. */
    public enum Refusal {
        /** 409: the revision was never committed. */
        NOT_COMMITTED,
        /** 503 at once: the waiter bound was reached. */
        TOO_MANY_WAITERS,
        /** 503: the wait ran out. */
        TIMED_OUT,
        /** 503: the database could not be asked. */
        DATABASE_UNAVAILABLE
    }

    public MinRevisionGate(CatalogReloader reloader, CatalogSource source, SyncProperties sync) {
        this.reloader = reloader;
        this.source = source;
        this.sync = sync;
        this.waiters = new Semaphore(Math.max(0, sync.maxRevisionWaiters()));
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    /**
     * Returns once {@code revision} is applied here.
     *
     * @throws RevisionNotCommittedException the database never committed it
     * @throws RevisionNotReachedException the wait ran out, or too many reads wait already
     * @throws DatabaseUnavailableException whether it was committed could not be checked
     */
    public void await(long revision) {
        if (reloader.applied() >= revision) {
            return;
        }
        long database = reloader.knownDatabaseRevision();
        if (revision > database) {
            try {
                database = databaseRevision(revision);
            } catch (DatabaseUnavailableException e) {
                refusals.get(Refusal.DATABASE_UNAVAILABLE).increment();
                throw e;
            }
        }
        if (revision > database) {
            refusals.get(Refusal.NOT_COMMITTED).increment();
            throw RevisionNotCommittedException.above(revision, database);
        }
        if (!waiters.tryAcquire()) {
            refusals.get(Refusal.TOO_MANY_WAITERS).increment();
            throw RevisionNotReachedException.tooManyWaiters(revision, reloader.applied(), sync.maxRevisionWaiters());
        }
        try {
            reloader.ring(revision);
            if (!reloader.awaitRevision(revision, sync.minRevisionWait())) {
                refusals.get(Refusal.TIMED_OUT).increment();
                throw RevisionNotReachedException.after(revision, reloader.applied(), sync.minRevisionWait());
            }
        } finally {
            waiters.release();
        }
    }

    /** How many reads were refused for {@code refusal} since the node started. */
    public long count(Refusal refusal) {
        return refusals.get(refusal).sum();
    }

    /** Reads waiting right now. */
    public int waiting() {
        return sync.maxRevisionWaiters() - waiters.availablePermits();
    }

    /**
     * The database's revision, read at most once at a time however many callers ask. A caller that
     * joined a read already running, and found it too low, joins one more that started after it
     * arrived: a revision committed just before the request is never refused.
     */
    private long databaseRevision(long wanted) {
        Read read = readOrJoin();
        if (read.joined() && read.revision() < wanted) {
            read = readOrJoin();
        }
        return read.revision();
    }

    private Read readOrJoin() {
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return new Read(join(running), true);
        }
        try {
            long revision = source.revision();
            inFlight.set(null);
            mine.complete(revision);
            return new Read(revision, false);
        } catch (RuntimeException e) {
            inFlight.set(null);
            mine.completeExceptionally(e);
            throw DatabaseUnavailableException.unreachable(e);
        }
    }

    private static long join(CompletableFuture<Long> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            throw DatabaseUnavailableException.unreachable(e.getCause());
        }
    }

    private record Read(long revision, boolean joined) {}
}
