package io.toolcatalog.node.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded first-in first-out queue of events waiting for Redis. When full, the oldest event is
 * dropped and counted: recent history matters more than old. A writer takes a batch with {@link
 * #peek(int)} and removes it with {@link #acknowledge(long)} only once written, so an outage loses
 * nothing up to the bound, and a drop while a batch is in flight is not acknowledged twice.
 */
final class HistoryQueue<T> {

    /** One queued element and its place in the order of arrival. */
    record Entry<T>(long sequence, T value) {}

    private final ArrayDeque<Entry<T>> entries = new ArrayDeque<>();
    private final int capacity;
    private long nextSequence;
    private long dropped;

    HistoryQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds at the end; returns true when the oldest had to be dropped to make room. */
    synchronized boolean offer(T value) {
        boolean dropping = entries.size() == capacity;
        if (dropping) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(new Entry<>(nextSequence++, value));
        notifyAll();
        return dropping;
    }

    /** Up to {@code max} of the oldest entries, left in the queue. */
    synchronized List<Entry<T>> peek(int max) {
        List<Entry<T>> batch = new ArrayList<>(Math.min(max, entries.size()));
        for (Entry<T> entry : entries) {
            if (batch.size() == max) {
                break;
            }
            batch.add(entry);
        }
        return batch;
    }

    /** Removes every entry up to and including {@code sequence}: they were written. */
    synchronized void acknowledge(long sequence) {
        while (!entries.isEmpty() && entries.peekFirst().sequence() <= sequence) {
            entries.removeFirst();
        }
    }

    /** Waits up to {@code millis} for an entry; returns whether there is one. */
    synchronized boolean awaitEntries(long millis) throws InterruptedException {
        if (entries.isEmpty() && millis > 0) {
            wait(millis);
        }
        return !entries.isEmpty();
    }

    /** The values waiting, oldest first. */
    synchronized List<T> values() {
        return entries.stream().map(Entry::value).toList();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
