package io.toolcatalog.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryQueueTest {

    private static List<String> values(List<HistoryQueue.Entry<String>> entries) {
        return entries.stream().map(HistoryQueue.Entry::value).toList();
    }

    @Test
    void keepsEventsInTheOrderTheyArrived() {
        HistoryQueue<String> queue = new HistoryQueue<>(10);
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        assertThat(values(queue.peek(2))).containsExactly("a", "b");
        assertThat(queue.size()).isEqualTo(3);
    }

    @Test
    void dropsTheOldestBeyondTheBoundAndCountsThem() {
        HistoryQueue<String> queue = new HistoryQueue<>(3);
        assertThat(queue.offer("1")).isFalse();
        queue.offer("2");
        queue.offer("3");

        assertThat(queue.offer("4")).isTrue();
        assertThat(queue.offer("5")).isTrue();

        assertThat(values(queue.peek(10))).containsExactly("3", "4", "5");
        assertThat(queue.dropped()).isEqualTo(2);
    }

    @Test
    void removesOnlyWhatWasWritten() {
        HistoryQueue<String> queue = new HistoryQueue<>(10);
        queue.offer("a");
        queue.offer("b");
        List<HistoryQueue.Entry<String>> batch = queue.peek(10);
        queue.offer("c");

        queue.acknowledge(batch.get(batch.size() - 1).sequence());

        assertThat(values(queue.peek(10))).containsExactly("c");
    }

    @Test
    void doesNotRemoveNewerEventsWhenTheBatchInFlightWasDropped() {
        HistoryQueue<String> queue = new HistoryQueue<>(2);
        queue.offer("a");
        queue.offer("b");
        List<HistoryQueue.Entry<String>> batch = queue.peek(2);
        queue.offer("c");
        queue.offer("d");

        queue.acknowledge(batch.get(batch.size() - 1).sequence());

        assertThat(values(queue.peek(10))).containsExactly("c", "d");
        assertThat(queue.dropped()).isEqualTo(2);
    }
}
