package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Messages are handled on the receiving thread only when nothing waits or runs before them, and
 * never out of the order they were received in.
 */
class ListenerLaneTest {

    /** The listener thread, run by hand: nothing runs on it until the test says so. */
    private final ArrayDeque<Runnable> listenerThread = new ArrayDeque<>();

    private final List<String> handled = new ArrayList<>();
    private final AtomicInteger overflows = new AtomicInteger();
    private final ListenerLane lane = new ListenerLane(listenerThread::add, 3, overflows::incrementAndGet);

    private void runListenerThread() {
        while (!listenerThread.isEmpty()) {
            listenerThread.poll().run();
        }
    }

    /** Handles {@code name} here when the lane lets it and {@code canFinishHere} says so, else on the listener thread. */
    private boolean receive(String name, boolean canFinishHere) {
        return lane.handle(
                () -> {
                    if (canFinishHere) {
                        handled.add(name + " here");
                    }
                    return canFinishHere;
                },
                () -> handled.add(name + " later"));
    }

    @Nested
    class OnTheReceivingThread {

        @Test
        void handlesAMessageWhenNothingWaits() {
            assertThat(receive("a", true)).isTrue();
            assertThat(receive("b", true)).isTrue();

            assertThat(handled).containsExactly("a here", "b here");
            assertThat(listenerThread).isEmpty();
        }

        @Test
        void handsOnAMessageItCannotFinish() {
            assertThat(receive("a", false)).isFalse();
            assertThat(handled).isEmpty();

            runListenerThread();

            assertThat(handled).containsExactly("a later");
        }
    }

    @Nested
    class Order {

        @Test
        void aMessageWaitsBehindOnesHandedOnBeforeIt() {
            receive("a", false);
            assertThat(receive("b", true)).isFalse(); // "a" waits: "b" may not overtake it

            runListenerThread();

            assertThat(handled).containsExactly("a later", "b later");
        }

        @Test
        void aMessageHandedOnGoesAheadOfOnesThatArrivedWhileItWasRead() {
            boolean finished = lane.handle(
                    () -> {
                        receive("b", true); // arrives (another connection's thread) while "a" is read
                        return false;
                    },
                    () -> handled.add("a later"));

            assertThat(finished).isFalse();
            runListenerThread();

            assertThat(handled).containsExactly("a later", "b later");
        }

        @Test
        void subscriptionsAndOtherChannelsKeepTheirTurnToo() {
            receive("a", false);
            lane.handOn(() -> handled.add("subscribed"));
            receive("b", true);

            runListenerThread();

            assertThat(handled).containsExactly("a later", "subscribed", "b later");
            assertThat(receive("c", true)).isTrue();
        }
    }

    @Nested
    class Full {

        @Test
        void dropsAndCountsWhatDoesNotFitAndAsksForACatchUp() {
            for (String name : List.of("a", "b", "c", "d", "e")) {
                receive(name, false);
            }

            runListenerThread();

            assertThat(handled).containsExactly("a later", "b later", "c later");
            assertThat(lane.dropped()).isEqualTo(2);
            assertThat(overflows).hasValue(2);
        }
    }
}
