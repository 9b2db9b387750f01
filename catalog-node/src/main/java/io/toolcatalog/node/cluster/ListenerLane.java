package io.toolcatalog.node.cluster;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the cluster's messages one at a time, in the order they were received (Redis's): on the
 * thread that received one when nothing is waiting or being handled ({@link #handle}), otherwise on
 * the listener thread ({@code thread}), behind everything received before it. A message the
 * receiving thread started and then hands on goes ahead of any that arrived meanwhile, so none ever
 * overtakes an earlier one. At most {@code capacity} wait; past that a message is dropped, counted
 * and logged, and {@code overflow} runs (the caller catches up: a dropped doorbell is a missed one).
 */
final class ListenerLane {

    private static final Logger log = LoggerFactory.getLogger(ListenerLane.class);

    private final Executor thread;
    private final int capacity;
    private final Runnable overflow;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean scheduled;
    private long dropped;

    ListenerLane(Executor thread, int capacity, Runnable overflow) {
        this.thread = thread;
        this.capacity = Math.max(1, capacity);
        this.overflow = overflow;
    }

    /**
     * Runs {@code here} on this thread when nothing is waiting or being handled; when it returns
     * false (it could not finish), or when the lane was not free, {@code later} runs on the listener
     * thread in the message's turn. Returns whether {@code here} finished it.
     */
    boolean handle(BooleanSupplier here, Runnable later) {
        synchronized (this) {
            if (busy || !waiting.isEmpty()) {
                enqueueLocked(later);
                return false;
            }
            busy = true;
        }
        boolean done = false;
        try {
            done = here.getAsBoolean();
        } finally {
            boolean schedule;
            synchronized (this) {
                busy = false;
                if (!done) {
                    waiting.addFirst(later); // its turn came before anything that arrived meanwhile
                }
                schedule = scheduleLocked();
            }
            runLater(schedule);
        }
        return done;
    }

    /** Hands {@code later} to the listener thread, behind every message received before it. */
    void handOn(Runnable later) {
        synchronized (this) {
            enqueueLocked(later);
        }
    }

    /** Messages dropped because too many waited. */
    synchronized long dropped() {
        return dropped;
    }

    private void enqueueLocked(Runnable later) {
        if (waiting.size() >= capacity) {
            dropped++;
            if (dropped == 1 || dropped % 1000 == 0) {
                log.warn(
                        "Cluster listener behind ({} messages waiting): dropped {} so far, catching up",
                        capacity,
                        dropped);
            }
            overflow.run();
            return;
        }
        waiting.addLast(later);
        runLater(scheduleLocked());
    }

    /** Whether a drain must be started: messages wait, none is being handled, none is scheduled. */
    private boolean scheduleLocked() {
        if (busy || scheduled || waiting.isEmpty()) {
            return false;
        }
        scheduled = true;
        return true;
    }

    private void runLater(boolean schedule) {
        if (!schedule) {
            return;
        }
        try {
            thread.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false; // shutting down: what waits is dropped with the node
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = busy ? null : waiting.pollFirst();
                if (next == null) {
                    scheduled = false;
                    return;
                }
                busy = true;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                log.warn("Cluster message handling failed: {}", e.toString());
            } finally {
                synchronized (this) {
                    busy = false;
                }
            }
        }
    }
}
