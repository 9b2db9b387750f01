package io.toolcatalog.api.watch;

import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Events of the node's current snapshot, each rendered once and then handed to every stream and
 * long poll that sends it, keyed by what fixes their content: snapshot or change, the revisions it
 * spans, the filter, the names a change carries and the snapshot its rows are read from (a
 * consumer's view of the node's snapshot: the same object for every watcher in that view, so an
 * event is rendered once per revision, view and filter). Bounded in entries; emptied at every
 * reload, so it never keeps an old revision's pieces alive (a stream still writing one holds them
 * itself, within its byte bound).
 *
 * <p>A change goes to every stream as the same event, so the last one rendered is handed out
 * without the lock: the watch port's I/O threads ask for it once per stream, and on busy cores a
 * sender preempted while holding the lock held up the other one, measured as 40–195 ms stalls in a
 * fan-out to 10,000 streams. Only a miss (a first rendering, or another view or filter) locks.
 */
final class FrameCache {

    /** {@code at} compares by identity: a view's snapshot is one object per snapshot and view. */
    private record Key(boolean reset, long from, long to, Set<String> filter, Set<String> names, CatalogSnapshot at) {}

    /** The event rendered or found last, with its key. */
    private record Last(Key key, EventBody body) {}

    private final int capacity;
    private final Map<Key, EventBody> entries;
    private long renders;
    private volatile Last last;

    FrameCache(int capacity) {
        this.capacity = Math.max(1, capacity);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, EventBody> eldest) {
                return size() > FrameCache.this.capacity;
            }
        };
    }

    /**
     * The event for {@code step} at {@code at} and {@code filter}, rendered by {@code render} on
     * first use. Rendering happens under the lock, so concurrent senders of one event render it once.
     */
    EventBody get(AppliedChange step, CatalogSnapshot at, Set<String> filter, Supplier<EventBody> render) {
        Key key = new Key(step.reset(), step.from(), step.to(), filter, step.reset() ? Set.of() : step.names(), at);
        Last seen = last;
        if (seen != null && seen.key().equals(key)) {
            return seen.body();
        }
        synchronized (this) {
            EventBody body = entries.get(key);
            if (body == null) {
                body = render.get();
                renders++;
                entries.put(key, body);
            }
            last = new Last(key, body);
            return body;
        }
    }

    /** The node swapped its snapshot: events of the old one are no longer shared. */
    synchronized void clear() {
        entries.clear();
        last = null;
    }

    /** Events rendered so far (each then shared by every sender of the same event). */
    synchronized long renders() {
        return renders;
    }
}
