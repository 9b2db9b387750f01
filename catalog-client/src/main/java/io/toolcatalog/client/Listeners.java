package io.toolcatalog.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change listeners, each on its own thread with its own queue: a listener that throws is
 * logged and told of the next change as usual, one that is slow only delays itself, and neither
 * holds up the stream or the other listeners. Each listener is told of every change once, in
 * order — except that a listener with {@code backlog} changes not yet taken gets them merged into
 * one change (from the oldest one's {@code fromRevision} to the newest revision), so a listener
 * that stalls costs at most about one catalog of memory, never an unbounded queue. A listener
 * that throws is also told to {@code failed} (the client reports it to the nodes as an apply
 * failure).
 */
final class Listeners {

    /** Changes a listener may have waiting before they are merged into one, by default. */
    static final int DEFAULT_BACKLOG = 1000;

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final String clientName;
    private final int backlog;
    private final BiConsumer<CatalogChanged, Throwable> failed;

    Listeners(String clientName) {
        this(clientName, DEFAULT_BACKLOG, (change, error) -> {});
    }

    Listeners(String clientName, int backlog, BiConsumer<CatalogChanged, Throwable> failed) {
        this.clientName = clientName;
        this.backlog = Math.max(1, backlog);
        this.failed = failed;
    }

    void add(Consumer<CatalogChanged> listener) {
        String name = clientName + "-listener-" + count.incrementAndGet();
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> ClientThreads.daemon(name, runnable));
        listeners.add(new Listener(name, listener, thread, backlog, failed));
    }

    void tell(CatalogChanged change) {
        for (Listener listener : listeners) {
            listener.offer(change);
        }
    }

    /** Stops every listener thread; changes not told yet are dropped. */
    void close() {
        listeners.forEach(listener -> listener.thread.shutdownNow());
    }

    /** Merges consecutive changes into one: the tools as the last one left them. */
    static CatalogChanged merge(List<CatalogChanged> changes) {
        Map<String, CatalogTool> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        boolean reset = false;
        for (CatalogChanged change : changes) {
            for (CatalogTool tool : change.changed()) {
                removed.remove(tool.name());
                changed.put(tool.name(), tool);
            }
            for (String name : change.removed()) {
                changed.remove(name);
                removed.add(name);
            }
            reset |= change.reset();
        }
        return new CatalogChanged(
                changes.get(0).fromRevision(),
                changes.get(changes.size() - 1).revision(),
                List.copyOf(changed.values()),
                List.copyOf(removed),
                reset);
    }

    private static final class Listener {

        private final String name;
        private final Consumer<CatalogChanged> target;
        private final ExecutorService thread;
        private final int backlog;
        private final BiConsumer<CatalogChanged, Throwable> failed;
        private final ArrayDeque<CatalogChanged> waiting = new ArrayDeque<>();
        private boolean draining;

        Listener(
                String name,
                Consumer<CatalogChanged> target,
                ExecutorService thread,
                int backlog,
                BiConsumer<CatalogChanged, Throwable> failed) {
            this.name = name;
            this.target = target;
            this.thread = thread;
            this.backlog = backlog;
            this.failed = failed;
        }

        void offer(CatalogChanged change) {
            synchronized (waiting) {
                if (waiting.size() >= backlog) {
                    List<CatalogChanged> all = new ArrayList<>(waiting);
                    all.add(change);
                    waiting.clear();
                    waiting.add(merge(all));
                    log.debug("Catalog listener {} is {} changes behind: merged them into one", name, all.size());
                } else {
                    waiting.add(change);
                }
                if (draining) {
                    return;
                }
                draining = true;
            }
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // the client is closing
            }
        }

        private void drain() {
            while (true) {
                CatalogChanged next;
                synchronized (waiting) {
                    next = waiting.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                tell(next);
            }
        }

        private void tell(CatalogChanged change) {
            try {
                target.accept(change);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                log.warn(
                        "Catalog listener {} failed on revision {} (from {}); it is told of the next change as usual",
                        name,
                        change.revision(),
                        change.fromRevision(),
                        e);
                try {
                    failed.accept(change, e);
                } catch (RuntimeException reporting) {
                    log.debug("Reporting the failure of catalog listener {} failed", name, reporting);
                }
            }
        }
    }
}
