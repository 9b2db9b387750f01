package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.testing.Tools;
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
        return Tools.named(name)
                .description("d")
                .category("c")
                .tags(List.of())
                .profiles(Map.of())
                .version(version)
                .revision(revision)
                .created(at, "t")
                .updated(at, "t")
                .build();
    }

    /** A chain of reloads: reload i (1-based) writes {@code names[i-1]} at revision i. */
    static List<CatalogReloaded> steps(String... names) {
        List<CatalogReloaded> steps = new ArrayList<>();
        CatalogSnapshot snapshot = CatalogSnapshot.empty();
        for (int i = 0; i < names.length; i++) {
            long revision = i + 1;
            CatalogSnapshot next = snapshot.apply(revision, List.of(tool(names[i], i + 1, revision)), List.of());
            steps.add(new CatalogReloaded(
                    snapshot, next, Set.of(names[i]), ReloadKind.PARTIAL, ReloadTrigger.API_UPDATE));
            snapshot = next;
        }
        return steps;
    }

    /** A reload that swapped {@code name}'s row at the revision already held (a manual reload). */
    static CatalogReloaded sameRevision(CatalogSnapshot held, String name) {
        CatalogSnapshot next = held.apply(held.revision(), List.of(tool(name, 99, held.revision())), List.of());
        return new CatalogReloaded(held, next, Set.of(name), ReloadKind.FULL, ReloadTrigger.MANUAL);
    }

    static int offer(Subscription subscription, CatalogReloaded reloaded) {
        return subscription.offer(new TransitionViews(reloaded));
    }

    private final AtomicInteger wakes = new AtomicInteger();

    @Nested
    class ASlowReader {

        @Test
        void holdsEveryStepItHasNotTakenAsOneChangeFromItsPosition() {
            Subscription subscription = new Subscription(null, wakes::incrementAndGet);
            List<CatalogReloaded> steps = steps("a", "b", "a", "c");
            subscription.startAt(0);
            int coalesced = 0;
            for (CatalogReloaded step : steps) {
                coalesced += offer(subscription, step);
            }
            assertThat(coalesced).isEqualTo(3);
            AppliedChange pending = subscription.take().step();
            assertThat(pending.reset()).isFalse();
            assertThat(pending.from()).isZero();
            assertThat(pending.to()).isEqualTo(4);
            assertThat(pending.names()).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(subscription.take()).isNull();
            assertThat(subscription.head()).isEqualTo(4);
        }
    }

    @Test
    void ignoresStepsAtOrBelowItsPosition() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b", "c");
        subscription.startAt(2);
        offer(subscription, steps.get(0));
        offer(subscription, steps.get(1));
        assertThat(subscription.take()).isNull();
        offer(subscription, steps.get(2));
        assertThat(subscription.take().step().from()).isEqualTo(2);
    }

    @Test
    void aStepThatStartsPastItsPositionResetsWithASnapshot() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b", "c");
        subscription.startAt(0);
        offer(subscription, steps.get(2));
        AppliedChange pending = subscription.take().step();
        assertThat(pending.reset()).isTrue();
        assertThat(pending.to()).isEqualTo(3);
    }

    @Test
    void aStepThatStartsBelowAPositionAheadOfTheNodeResetsWithASnapshot() {
        // opened with since=2 while the node held 1; the node then applied 1 -> 3 in one step, whose
        // names need not include a tool created at 2 and deleted at 3
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b", "c");
        subscription.startAt(2);
        CatalogReloaded oneToThree = new CatalogReloaded(
                steps.get(0).current(), steps.get(2).current(), Set.of("c"), ReloadKind.PARTIAL, ReloadTrigger.SYNC);
        offer(subscription, oneToThree);
        AppliedChange pending = subscription.take().step();
        assertThat(pending.reset()).isTrue();
        assertThat(pending.to()).isEqualTo(3);
    }

    @Test
    void aFilteredSubscriptionStillGetsAnEventForEveryStep() {
        Subscription subscription = new Subscription(Set.of("a"), wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b");
        subscription.startAt(1);
        offer(subscription, steps.get(1));
        AppliedChange pending = subscription.take().step();
        assertThat(pending.names()).isEmpty();
        assertThat(pending.to()).isEqualTo(2);
    }

    @Test
    void holdsAnUnresolvedStartUntilTheChangeLogAnswers() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b", "c");
        subscription.startUnresolved(0, steps.get(1).current());
        offer(subscription, steps.get(2));
        assertThat(subscription.take()).isNull();
        assertThat(wakes.get()).isZero();
        subscription.resolve(0, Set.of("a", "b"), null);
        assertThat(wakes.get()).isEqualTo(1);
        AppliedChange pending = subscription.take().step();
        assertThat(pending.from()).isZero();
        assertThat(pending.to()).isEqualTo(3);
        assertThat(pending.names()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void anUnresolvedStartTheChangeLogNoLongerCoversBecomesASnapshot() {
        Subscription subscription = new Subscription(null, wakes::incrementAndGet);
        List<CatalogReloaded> steps = steps("a", "b");
        subscription.startUnresolved(0, steps.get(1).current());
        subscription.resolveAsReset();
        AppliedChange pending = subscription.take().step();
        assertThat(pending.reset()).isTrue();
        assertThat(pending.to()).isEqualTo(2);
    }

    @Nested
    class NewContentAtTheSameRevision {

        @Test
        void reachesAWatcherAlreadyAtThatRevisionAsASnapshot() {
            Subscription subscription = new Subscription(null, wakes::incrementAndGet);
            List<CatalogReloaded> steps = steps("a", "b");
            subscription.startAt(2);
            CatalogReloaded manual = sameRevision(steps.get(1).current(), "a");
            offer(subscription, manual);
            Subscription.Ready ready = subscription.take();
            assertThat(ready.step().reset()).isTrue();
            assertThat(ready.step().to()).isEqualTo(2);
            assertThat(ready.snapshot()).isSameAs(manual.current());
            assertThat(wakes.get()).isEqualTo(1);
        }

        @Test
        void replacesAnEventNotYetTakenSoTheWatcherNeverKeepsTheOldRows() {
            Subscription subscription = new Subscription(null, wakes::incrementAndGet);
            List<CatalogReloaded> steps = steps("a", "b");
            subscription.startAt(1);
            offer(subscription, steps.get(1));
            offer(subscription, sameRevision(steps.get(1).current(), "b"));
            AppliedChange pending = subscription.take().step();
            assertThat(pending.reset()).isTrue();
            assertThat(pending.to()).isEqualTo(2);
        }

        @Test
        void isIgnoredByAFilterThatHoldsNoneOfItsNames() {
            Subscription subscription = new Subscription(Set.of("b"), wakes::incrementAndGet);
            List<CatalogReloaded> steps = steps("a", "b");
            subscription.startAt(2);
            offer(subscription, sameRevision(steps.get(1).current(), "a"));
            assertThat(subscription.take()).isNull();
        }
    }
}
