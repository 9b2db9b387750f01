package io.toolcatalog.node.robustness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Every request of the run and its answer, from all clients; read after the clients stopped. */
final class Recorder {

    private final long startNanos;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();

    Recorder(long startNanos) {
        this.startNanos = startNanos;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Milliseconds since the run started. */
    double now() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    void record(Operation operation) {
        operations.add(operation);
    }

    /** In the order they were sent. */
    List<Operation> operations() {
        List<Operation> all = new ArrayList<>(operations);
        all.sort(Comparator.comparingLong(Operation::id));
        return all;
    }
}
