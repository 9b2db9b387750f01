package io.toolcatalog.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog as the client holds it: one immutable {@link CatalogState} swapped as a whole, so
 * readers never lock and never see half a change. Only the stream's reader thread changes it (and
 * {@code start()} from the cache file, before that thread runs); each change is told to the
 * listeners, wakes those waiting for its revision, and asks for the cache file to be written.
 */
final class LocalCatalog {

    /** What became of a {@code change} event. */
    enum Applied {
        APPLIED,
        /** Its revision is already held (a resumed stream repeating itself): nothing to do. */
        ALREADY_HELD,
        /** It does not start at the revision held: the chain broke, resume from the revision held. */
        CHAIN_BROKEN
    }

    private static final Logger log = LoggerFactory.getLogger(LocalCatalog.class);

    private final Listeners listeners;
    private final Runnable changed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile CatalogState state;

    /** {@code changed} runs after every applied change (it schedules the cache file's write). */
    LocalCatalog(Listeners listeners, Runnable changed) {
        this.listeners = listeners;
        this.changed = changed;
    }

    /** The state held, or {@code null} before the first one. */
    CatalogState state() {
        return state;
    }

    boolean serving() {
        return state != null;
    }

    long revision() {
        CatalogState current = state;
        return current == null ? 0 : current.revision();
    }

    /** Replaces the whole state (the cache file, a snapshot); listeners are told the difference. */
    void replace(CatalogState next, String source) {
        lock.lock();
        try {
            CatalogState before = state == null ? CatalogState.EMPTY : state;
            CatalogChanged change = before.resetTo(next);
            install(next);
            listeners.tell(change);
            logViewChange(before, next);
            log.info(
                    "Catalog replaced from {}: revision {} -> {}, {} tools ({} changed, {} removed)",
                    source,
                    change.fromRevision(),
                    next.revision(),
                    next.tools().size(),
                    change.changed().size(),
                    change.removed().size());
        } finally {
            lock.unlock();
        }
        changed.run();
    }

    /**
     * Applies a {@code change} event when it starts exactly at the revision held. A change at the
     * revision held is applied too when it names another view of it for this consumer (the node
     * moved the consumer into or out of a rollout without a new revision): the content differs.
     */
    Applied apply(Json.ChangeJson event) {
        lock.lock();
        try {
            CatalogState current = state;
            boolean otherViewOfHeld = current != null
                    && event.view() != null
                    && event.fromRevision() == current.revision()
                    && event.revision() == current.revision()
                    && !event.view().equals(current.consumerView());
            if (current != null && event.revision() <= current.revision() && !otherViewOfHeld) {
                return Applied.ALREADY_HELD;
            }
            if (current == null || event.fromRevision() != current.revision()) {
                return Applied.CHAIN_BROKEN;
            }
            CatalogState next = current.apply(event.revision(), event.changed(), event.removed(), event.view());
            install(next);
            listeners.tell(
                    new CatalogChanged(current.revision(), next.revision(), event.changed(), event.removed(), false));
            logViewChange(current, next);
            log.debug(
                    "Catalog change applied: revision {} -> {}, {} changed, {} removed",
                    current.revision(),
                    next.revision(),
                    event.changed().size(),
                    event.removed().size());
        } finally {
            lock.unlock();
        }
        changed.run();
        return Applied.APPLIED;
    }

    /**
     * A node named this consumer's view of {@code revision} (and its content is known to be the
     * one held): when that is the revision held, the state is named so.
     *
     * @return whether the name held changed
     */
    boolean nameView(String view, long revision) {
        lock.lock();
        try {
            CatalogState current = state;
            if (view == null
                    || current == null
                    || current.revision() != revision
                    || view.equals(current.consumerView())) {
                return false;
            }
            CatalogState next = current.withConsumerView(view);
            install(next);
            logViewChange(current, next);
        } finally {
            lock.unlock();
        }
        changed.run();
        return true;
    }

    /** Waits until the revision held is at least {@code revision}; {@code false} if the wait ran out. */
    boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (revision() < revision) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = advanced.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until there is a state to serve; {@code false} if the wait ran out. */
    boolean awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (state == null) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !advanced.await(remaining, TimeUnit.NANOSECONDS)) {
                    return state != null;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Registers a listener under the lock, so it is told of every change after this one and none before. */
    void onChange(Consumer<CatalogChanged> listener) {
        lock.lock();
        try {
            listeners.add(listener);
        } finally {
            lock.unlock();
        }
    }

    private static void logViewChange(CatalogState before, CatalogState next) {
        if (next.consumerView() != null && !next.consumerView().equals(before.consumerView())) {
            log.info(
                    "Catalog view of this consumer at revision {}: {} (was {})",
                    next.revision(),
                    next.consumerView(),
                    before.consumerView() == null ? "not named" : before.consumerView());
        }
    }

    private void install(CatalogState next) {
        state = next;
        advanced.signalAll();
    }
}
