package io.toolcatalog.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change listeners, each on its own thread with its own queue: a listener that throws is
 * logged and told of the next change as usual, one that is slow only delays itself, and neither
 * holds up the stream or the other listeners. Each listener is told of every change once, in order.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final String clientName;

    Listeners(String clientName) {
        this.clientName = clientName;
    }

    void add(Consumer<CatalogChanged> listener) {
        String name = clientName + "-listener-" + count.incrementAndGet();
        ExecutorService queue = Executors.newSingleThreadExecutor(runnable -> Threads.daemon(name, runnable));
        listeners.add(new Listener(name, listener, queue));
    }

    void tell(CatalogChanged change) {
        for (Listener listener : listeners) {
            listener.queue.execute(() -> listener.tell(change));
        }
    }

    /** Stops every listener thread; changes not told yet are dropped. */
    void close() {
        listeners.forEach(listener -> listener.queue.shutdownNow());
    }

    private record Listener(String name, Consumer<CatalogChanged> target, ExecutorService queue) {

        void tell(CatalogChanged change) {
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
            }
        }
    }
}
