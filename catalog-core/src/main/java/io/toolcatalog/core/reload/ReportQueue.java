package io.toolcatalog.core.reload;

import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows a swap, taken off the applying thread: each report (the handlers told of the new
 * snapshot, then the reload event built, logged and recorded) runs in the order of the swaps, one
 * at a time, on {@code worker} or on a thread that {@link #await awaits} one while no other runs
 * them. Readers do not wait for it: the snapshot, the applied revision and the wake-up of readers
 * waiting for a revision are the swap's own.
 *
 * <p>At most {@code capacity} reports wait. When that many do, the newest waiting one is folded into
 * the one submitted (the handlers hear of both swaps as one, as of a catch-up over both revisions)
 * and its reload event is dropped; both are counted and logged, never the applier blocked or the
 * order changed. A report a caller {@link Ticket#keep keeps} (an explicit reload, which answers
 * with its event) is never folded.
 */
final class ReportQueue {

    private static final Logger log = LoggerFactory.getLogger(ReportQueue.class);

    private final Executor worker;
    private final int capacity;
    private final BiFunction<CatalogReloaded, Function<String, ReloadEvent>, ReloadEvent> reporter;
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    private long submitted;
    private long reported;
    private long folded;
    private boolean scheduled;
    private boolean running;
    private Thread drainer;

    /** One waiting report: what the handlers hear of ({@code null} for a failed reload) and its event. */
    static final class Ticket {

        private long sequence;
        private CatalogReloaded reloaded;
        private final Function<String, ReloadEvent> event;
        private boolean kept;
        private ReloadEvent result;

        private Ticket(CatalogReloaded reloaded, Function<String, ReloadEvent> event) {
            this.reloaded = reloaded;
            this.event = event;
        }

        /** Never folded into a later report: its caller answers with its event. Called before the reloader's lock is released. */
        void keep() {
            synchronized (this) {
                kept = true;
            }
        }

        private synchronized boolean kept() {
            return kept;
        }
    }

    /**
     * @param reporter runs one report: tells the handlers of the swap (when there was one), builds
     *     the event from their errors (null when none), logs and records it, and returns it
     */
    ReportQueue(
            Executor worker,
            int capacity,
            BiFunction<CatalogReloaded, Function<String, ReloadEvent>, ReloadEvent> reporter) {
        this.worker = worker;
        this.capacity = Math.max(1, capacity);
        this.reporter = reporter;
    }

    /** Queues a report behind every earlier one; returns at once (on a direct executor, once it ran). */
    Ticket submit(CatalogReloaded reloaded, Function<String, ReloadEvent> event) {
        Ticket ticket = new Ticket(reloaded, event);
        boolean schedule;
        synchronized (this) {
            ticket.sequence = ++submitted;
            Ticket last = waiting.peekLast();
            if (waiting.size() >= capacity && last != null && !last.kept()) {
                waiting.pollLast();
                ticket.reloaded = fold(last.reloaded, reloaded);
                folded++;
                if (folded == 1 || folded % 1000 == 0) {
                    log.warn(
                            "Reload reports fall behind ({} waiting): handlers hear of several swaps as one,"
                                    + " {} reload events dropped so far",
                            capacity,
                            folded);
                }
            }
            waiting.addLast(ticket);
            schedule = !scheduled && !running;
            scheduled |= schedule;
        }
        if (schedule) {
            try {
                worker.execute(this::runScheduled);
            } catch (RejectedExecutionException e) {
                runScheduled(); // the worker is gone (shutdown): the submitter reports, in order all the same
            }
        }
        return ticket;
    }

    /**
     * Returns once {@code ticket}'s report (and every earlier one) ran, running them on this thread
     * when no other does; its event, or null when it was folded into a later one.
     */
    ReloadEvent await(Ticket ticket) {
        while (true) {
            synchronized (this) {
                if (reported >= ticket.sequence) {
                    return ticket.result;
                }
                if (running && drainer == Thread.currentThread()) {
                    return ticket.result; // a handler reloading: its own report follows this one
                }
                if (running) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ticket.result;
                    }
                    continue;
                }
                running = true;
            }
            drain();
        }
    }

    /** Reload events dropped because reports fell behind. */
    synchronized long folded() {
        return folded;
    }

    private void runScheduled() {
        synchronized (this) {
            scheduled = false;
            if (running) {
                return;
            }
            running = true;
        }
        drain();
    }

    /** Runs waiting reports in order until none waits; the caller set {@code running}. */
    private void drain() {
        synchronized (this) {
            drainer = Thread.currentThread();
        }
        boolean done = false;
        try {
            while (!done) {
                done = runNext();
            }
        } finally {
            if (!done) { // an Error escaped a report: let the next submitter or awaiter carry on
                synchronized (this) {
                    running = false;
                    drainer = null;
                    notifyAll();
                }
            }
        }
    }

    /** Runs the oldest waiting report; true, with {@code running} cleared, when none waited. */
    private boolean runNext() {
        Ticket next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running = false;
                drainer = null;
                notifyAll();
                return true;
            }
        }
        ReloadEvent event;
        try {
            event = reporter.apply(next.reloaded, next.event);
        } catch (RuntimeException e) {
            log.warn("A reload report failed: {}", e.toString());
            event = null;
        }
        synchronized (this) {
            next.result = event;
            reported = next.sequence;
            notifyAll();
        }
        return false;
    }

    /**
     * Two swaps told as one: from the earlier's snapshot to the later's, over both one's names. A
     * swap that kept its revision may have changed rows at the same version, so with one the names
     * are every name whose row is another object now.
     */
    static CatalogReloaded fold(CatalogReloaded earlier, CatalogReloaded later) {
        if (earlier == null || later == null) {
            return later == null ? earlier : later;
        }
        Set<String> names = new HashSet<>(earlier.applied().names());
        names.addAll(later.applied().names());
        if (earlier.previous().revision() == earlier.current().revision()
                || later.previous().revision() == later.current().revision()) {
            CatalogSnapshot from = earlier.previous();
            CatalogSnapshot to = later.current();
            from.forEachTool(tool -> {
                if (to.find(tool.name()) != tool) {
                    names.add(tool.name());
                }
            });
            to.forEachTool(tool -> {
                if (from.find(tool.name()) != tool) {
                    names.add(tool.name());
                }
            });
        }
        boolean full =
                earlier.applied().kind() == ReloadKind.FULL || later.applied().kind() == ReloadKind.FULL;
        return new CatalogReloaded(
                earlier.previous(),
                later.current(),
                names,
                full ? ReloadKind.FULL : later.applied().kind(),
                later.applied().trigger(),
                later.applied().lastChange() != null
                        ? later.applied().lastChange()
                        : earlier.applied().lastChange());
    }
}
