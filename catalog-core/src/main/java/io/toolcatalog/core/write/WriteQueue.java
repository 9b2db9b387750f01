package io.toolcatalog.core.write;

import io.toolcatalog.core.error.DatabaseUnavailableException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where concurrent writes on this node meet to share one transaction (group commit). A write
 * joins the queue; whenever no group is committing, one of the waiting writers leads: it takes up
 * to {@code maxGroup} writes from the head (a write that runs alone is a group of its own) and
 * commits them together, while later writes queue for the next group. Then it announces the
 * group's changes in revision order — the next group may already be committing, but announcements
 * stay in order, so every node can apply each change's rows on top of the one before — and only
 * then answers each writer. Only a write still in the queue leads: a write taken into a group is
 * answered as soon as that group is announced, never held up by leading an unrelated one. Every
 * write of a committed group is announced whatever another announcement throws. A write waits in the
 * queue at most {@code maxWait} (as it would wait for the revision lock), then nothing was written.
 */
final class WriteQueue {

    private static final Logger log = LoggerFactory.getLogger(WriteQueue.class);

    private final int maxGroup;
    private final Duration maxWait;
    private final Consumer<List<PendingWrite<?>>> commit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<PendingWrite<?>> waiting = new ArrayDeque<>();
    /** Held from a group's commit until its announcements are done, so announcements keep revision order. */
    private final ReentrantLock announcing = new ReentrantLock();

    private boolean committing;
    private final AtomicLong announceFailures = new AtomicLong();

    /** {@code commit} runs a group as one transaction and decides each write's answer. */
    WriteQueue(int maxGroup, Duration maxWait, Consumer<List<PendingWrite<?>>> commit) {
        this.maxGroup = maxGroup;
        this.maxWait = maxWait;
        this.commit = commit;
    }

    /** Returns once {@code write} is answered: committed by this thread or by another. */
    void join(PendingWrite<?> write) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean interrupted = false;
        lock.lock();
        try {
            waiting.addLast(write);
            while (!write.answered()) {
                boolean queued = waiting.contains(write);
                if (!queued) {
                    changed.awaitUninterruptibly(); // in a group that is committing: its answer comes
                    continue;
                }
                if (!committing) {
                    lead();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    waiting.remove(write);
                    write.failed(DatabaseUnavailableException.nothingWritten(
                            new TimeoutException("waited " + maxWait + " for the writes ahead")));
                    write.answer();
                    return;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes waiting for a group. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Committed writes whose announcement threw (the write still answered as committed). */
    long announceFailures() {
        return announceFailures.get();
    }

    /** Called holding the lock; commits, announces and answers the group at the head. */
    private void lead() {
        committing = true;
        List<PendingWrite<?>> group = take();
        lock.unlock();
        boolean released = false;
        try {
            try {
                commit.accept(group);
            } catch (RuntimeException | Error e) {
                log.error("A write group of {} failed unexpectedly", group.size(), e);
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                group.forEach(w -> w.failed(failure));
            }
            announcing.lock();
            try {
                release(); // the next group may commit while this one is announced
                released = true;
                for (PendingWrite<?> write : group) {
                    if (!write.announce()) {
                        announceFailures.incrementAndGet();
                    }
                }
            } finally {
                announcing.unlock();
            }
        } finally {
            lock.lock();
            if (!released) {
                committing = false;
            }
            group.forEach(PendingWrite::answer);
            changed.signalAll();
        }
    }

    private void release() {
        lock.lock();
        try {
            committing = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private List<PendingWrite<?>> take() {
        List<PendingWrite<?>> group = new ArrayList<>();
        group.add(waiting.removeFirst());
        while (!group.get(0).alone()
                && group.size() < maxGroup
                && !waiting.isEmpty()
                && !waiting.peekFirst().alone()) {
            group.add(waiting.removeFirst());
        }
        return group;
    }
}
