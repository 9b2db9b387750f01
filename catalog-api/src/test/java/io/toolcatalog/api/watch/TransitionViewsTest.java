package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Tool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Each watcher gets each step in its consumer's view: a rollout's start, step and abort reach the
 * cohort with the candidate (or the stable row back) and everyone else with an empty change.
 */
class TransitionViewsTest {

    private static final long ROLLOUT = 7;
    private static final ConsumerIdentity IN = consumerWhoseBucketIs(true, 5000);
    private static final ConsumerIdentity OUT = consumerWhoseBucketIs(false, 5000);

    private final Tool stable = SubscriptionTest.tool("grep", 1, 1);
    private final Tool candidate = SubscriptionTest.tool("grep", 2, 2);
    private final CatalogSnapshot before = CatalogSnapshot.of(1, List.of(stable, SubscriptionTest.tool("find", 1, 1)));

    /** An id whose bucket in {@link #ROLLOUT} is below {@code bound} ({@code below}) or not. */
    private static ConsumerIdentity consumerWhoseBucketIs(boolean below, int bound) {
        String id = IntStream.range(0, 10_000)
                .mapToObj(i -> "consumer-" + i)
                .filter(c -> (ActiveRollout.bucket(ROLLOUT, c) < bound) == below)
                .findFirst()
                .orElseThrow();
        return new ConsumerIdentity(id, Map.of());
    }

    private static ActiveRollout rollout(double percent, Tool candidate, long revision) {
        return new ActiveRollout(
                ROLLOUT, 3, false, 0, percent, Map.of(), Map.of("grep", candidate), Set.of(), revision);
    }

    /** The node's step to {@code revision}: the log's names re-read (rows equal to those held), then the rollouts. */
    private static CatalogReloaded step(
            CatalogSnapshot from, long revision, List<Tool> reread, List<ActiveRollout> rollouts) {
        CatalogSnapshot next = from.apply(revision, reread, List.of()).withRollouts(rollouts);
        Set<String> names = Set.copyOf(reread.stream().map(Tool::name).toList());
        return new CatalogReloaded(from, next, names, ReloadKind.PARTIAL, ReloadTrigger.ROLLOUT);
    }

    private static Subscription watching(ConsumerIdentity consumer, long at) {
        Subscription subscription = new Subscription(null, consumer, () -> {}, names -> {});
        subscription.startAt(at);
        return subscription;
    }

    private static void offer(CatalogReloaded reloaded, Subscription... subscriptions) {
        TransitionViews views = new TransitionViews(reloaded);
        for (Subscription subscription : subscriptions) {
            subscription.offer(views);
        }
    }

    private static Tool toolIn(Subscription.Ready ready, String name) {
        return ready.snapshot().tool(name).orElse(null);
    }

    @Test
    void theCohortGetsTheCandidateAtTheStartAndEveryoneElseAnEmptyChange() {
        Subscription in = watching(IN, 1);
        Subscription out = watching(OUT, 1);
        Subscription anonymous = watching(ConsumerIdentity.ANONYMOUS, 1);
        Tool reread = SubscriptionTest.tool("grep", 1, 1);
        offer(step(before, 2, List.of(reread), List.of(rollout(50, candidate, 2))), in, out, anonymous);

        Subscription.Ready cohort = in.take();
        assertThat(cohort.step().from()).isEqualTo(1);
        assertThat(cohort.step().to()).isEqualTo(2);
        assertThat(cohort.step().reset()).isFalse();
        assertThat(cohort.step().names()).containsExactly("grep");
        assertThat(toolIn(cohort, "grep")).isEqualTo(candidate);
        for (Subscription stableOne : List.of(out, anonymous)) {
            Subscription.Ready ready = stableOne.take();
            assertThat(ready.step().from()).isEqualTo(1);
            assertThat(ready.step().to()).isEqualTo(2);
            assertThat(ready.step().names()).isEmpty();
            assertThat(toolIn(ready, "grep")).isEqualTo(stable);
        }
    }

    @Test
    void aStepThatWidensTheCohortReachesOnlyThoseItAdds() {
        CatalogReloaded start = step(before, 2, List.of(stable), List.of(rollout(50, candidate, 2)));
        Subscription in = watching(IN, 2);
        Subscription out = watching(OUT, 2);
        offer(step(start.current(), 3, List.of(stable), List.of(rollout(100, candidate, 3))), in, out);

        assertThat(in.take().step().names()).isEmpty();
        Subscription.Ready entered = out.take();
        assertThat(entered.step().names()).containsExactly("grep");
        assertThat(toolIn(entered, "grep")).isEqualTo(candidate);
    }

    @Test
    void anAbortGivesTheCohortTheStableRowBack() {
        CatalogReloaded start = step(before, 2, List.of(stable), List.of(rollout(50, candidate, 2)));
        Subscription in = watching(IN, 2);
        Subscription out = watching(OUT, 2);
        offer(step(start.current(), 3, List.of(stable), List.of()), in, out);

        Subscription.Ready back = in.take();
        assertThat(back.step().names()).containsExactly("grep");
        assertThat(toolIn(back, "grep")).isEqualTo(stable);
        assertThat(out.take().step().names()).isEmpty();
    }

    @Test
    void aSlowCohortWatcherStillGetsTheCandidateMergedWithLaterChanges() {
        CatalogReloaded start = step(before, 2, List.of(stable), List.of(rollout(50, candidate, 2)));
        Tool find = SubscriptionTest.tool("find", 2, 3);
        CatalogReloaded other =
                step(start.current(), 3, List.of(find), start.current().rollouts());
        Subscription in = watching(IN, 1);
        offer(start, in);
        offer(other, in);

        Subscription.Ready merged = in.take();
        assertThat(merged.step().from()).isEqualTo(1);
        assertThat(merged.step().to()).isEqualTo(3);
        assertThat(merged.step().names()).containsExactlyInAnyOrder("grep", "find");
        assertThat(toolIn(merged, "grep")).isEqualTo(candidate);
        assertThat(toolIn(merged, "find")).isEqualTo(find);
    }

    @Test
    void aWatcherWithAnIdResumingFromMemoryGetsTheRolloutsToolsWhateverItsViewWas() {
        TransitionLog log = new TransitionLog(8, new WatchMetrics(), new FrameCache(4));
        log.onReload(new CatalogReloaded(
                CatalogSnapshot.empty(), before, Set.of("grep", "find"), ReloadKind.FULL, ReloadTrigger.STARTUP));
        CatalogReloaded start = step(before, 2, List.of(stable), List.of(rollout(50, candidate, 2)));
        log.onReload(start);
        Tool find = SubscriptionTest.tool("find", 2, 3);
        log.onReload(step(start.current(), 3, List.of(find), start.current().rollouts()));

        Subscription in = new Subscription(null, IN, () -> {}, names -> {});
        assertThat(log.open(in, 2L)).isEqualTo(TransitionLog.Start.READY);
        Subscription.Ready resumed = in.take();
        assertThat(resumed.step().names()).containsExactlyInAnyOrder("grep", "find");
        assertThat(toolIn(resumed, "grep")).isEqualTo(candidate);

        Subscription anonymous = new Subscription(null, () -> {});
        log.open(anonymous, 2L);
        assertThat(anonymous.take().step().names()).containsExactly("find");
    }

    @Test
    void rendersAnEventOncePerViewAndSharesItWithinAView() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        FrameCache cache = new FrameCache(8);
        EventRenderer renderer = new EventRenderer(mapper, new RenderedTools(mapper), cache);
        CatalogReloaded start = step(before, 2, List.of(stable), List.of(rollout(50, candidate, 2)));
        Subscription in = watching(IN, 1);
        Subscription alsoIn = watching(IN, 1);
        Subscription out = watching(OUT, 1);
        offer(start, in, alsoIn, out);

        Subscription.Ready first = in.take();
        EventBody cohort = renderer.body(first.step(), first.snapshot(), null);
        Subscription.Ready second = alsoIn.take();
        assertThat(renderer.body(second.step(), second.snapshot(), null)).isSameAs(cohort);
        Subscription.Ready third = out.take();
        assertThat(renderer.body(third.step(), third.snapshot(), null)).isNotSameAs(cohort);
        assertThat(cache.renders()).isEqualTo(2);
    }
}
