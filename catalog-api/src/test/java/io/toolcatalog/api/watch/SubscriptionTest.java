package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    static Tool tool(String name, int version, long revision) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new Tool(name, "d", "c", List.of(), true, Map.of(), version, revision, at, "t", at, "t");
    }

    /** A chain of snapshots: step i (1-based) writes {@code names[i-1]} at revision i. */
    static List<Transition> steps(String... names) {
        List<Transition> steps = new ArrayList<>();
        CatalogSnapshot snapshot = CatalogSnapshot.empty();
        for (int i = 0; i < names.length; i++) {
            long revision = i + 1;
            CatalogSnapshot next = snapshot.apply(revision, List.of(tool(names[i], i + 1, revision)), List.of());
            steps.add(new Transition(snapshot.revision(), Set.of(names[i]), next, null));
            snapshot = next;
        }
        return steps;
    }

    private final AtomicInteger wakes = new AtomicInteger();

    @Nested
    class ASlowReader {

        @Test
        void holdsEveryStepItHasNotTakenAsOneChangeFromItsPosition() {
            Subscription subscription = new Subscription(null, wakes::incrementAndGet);
            List<Transition> steps = steps("a", "b", "a", "c");
            subscription.startAt(0);
            int coalesced = 0;
            for (Transition step : steps) {
                coalesced += subscription.offer(step);
            }
            assertThat(coalesced).isEqualTo(3);
            Pending pending = subscription.take();
            assertThat(pending.isReset()).isFalse();
            assertThat(pending.from()).isZero();
            assertThat(pending.revision()).isEqualTo(4);
            assertThat(pending.names()).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(subscription.take()).isNull();
            assertThat(subscription.head()).isEqualTo(4);
        }

        @Test
        void sharesTheRenderedEventOfAWholeSingleStep() {
            Subscription subscription = new Subscription(null, wakes::incrementAndGet);
            List<Transition> steps = steps("a", "b");
            subscription.startAt(1);
            subscription.offer(steps.get(1));
            assertThat(subscription.take().only()).isSameAs(steps.get(1));
        }
    }

    @Test
    void ignoresStepsAtOrBelowItsPosition() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<Transition> steps = steps("a", "b", "c");
        subscription.startAt(2);
        subscription.offer(steps.get(0));
        subscription.offer(steps.get(1));
        assertThat(subscription.take()).isNull();
        subscription.offer(steps.get(2));
        assertThat(subscription.take().from()).isEqualTo(2);
    }

    @Test
    void aStepThatStartsPastItsPositionResetsWithASnapshot() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<Transition> steps = steps("a", "b", "c");
        subscription.startAt(0);
        subscription.offer(steps.get(2));
        Pending pending = subscription.take();
        assertThat(pending.isReset()).isTrue();
        assertThat(pending.revision()).isEqualTo(3);
    }

    @Test
    void aFilteredSubscriptionStillGetsAnEventForEveryStep() {
        Subscription subscription = new Subscription(Set.of("a"), wakes::incrementAndGet);
        List<Transition> steps = steps("a", "b");
        subscription.startAt(1);
        subscription.offer(steps.get(1));
        Pending pending = subscription.take();
        assertThat(pending.names()).isEmpty();
        assertThat(pending.revision()).isEqualTo(2);
        assertThat(pending.only()).isNull(); // a filtered event is its own, never the shared one
    }

    @Test
    void holdsAnUnresolvedStartUntilTheChangeLogAnswers() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<Transition> steps = steps("a", "b", "c");
        subscription.startUnresolved(0, steps.get(1).snapshot());
        subscription.offer(steps.get(2));
        assertThat(subscription.take()).isNull();
        assertThat(wakes.get()).isZero();
        subscription.resolve(Set.of("a", "b"), null);
        assertThat(wakes.get()).isEqualTo(1);
        Pending pending = subscription.take();
        assertThat(pending.from()).isZero();
        assertThat(pending.revision()).isEqualTo(3);
        assertThat(pending.names()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void anUnresolvedStartTheChangeLogNoLongerCoversBecomesASnapshot() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<Transition> steps = steps("a", "b");
        subscription.startUnresolved(0, steps.get(1).snapshot());
        subscription.resolveAsReset();
        Pending pending = subscription.take();
        assertThat(pending.isReset()).isTrue();
        assertThat(pending.revision()).isEqualTo(2);
    }
}
