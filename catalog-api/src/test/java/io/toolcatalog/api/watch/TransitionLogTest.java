package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Tool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionLogTest {

    private final TransitionLog log = new TransitionLog(3, new WatchMetrics(), new FrameCache(4));
    private CatalogSnapshot snapshot = CatalogSnapshot.empty();

    /** Reloads to the next revision, writing {@code name}. */
    private void reload(String name) {
        long revision = snapshot.revision() + 1;
        Tool tool = SubscriptionTest.tool(name, (int) revision, revision);
        CatalogSnapshot next = snapshot.apply(revision, List.of(tool), List.of());
        log.onReload(new CatalogReloaded(snapshot, next, Set.of(name), ReloadKind.PARTIAL, ReloadTrigger.API_UPDATE));
        snapshot = next;
    }

    private Subscription subscription() {
        return new Subscription(null, () -> {});
    }

    @Test
    void withoutAStartPointStartsWithASnapshotOfTheCurrentRevision() {
        reload("a");
        reload("b");
        Subscription subscription = subscription();
        assertThat(log.open(subscription, null)).isEqualTo(TransitionLog.Start.READY);
        Subscription.Ready ready = subscription.take();
        AppliedChange pending = ready.step();
        assertThat(pending.reset()).isTrue();
        assertThat(ready.snapshot().tools()).hasSize(2);
    }

    @Test
    void servesAStartPointItsRecentStepsCoverFromMemory() {
        reload("a");
        reload("b");
        reload("c");
        Subscription subscription = subscription();
        assertThat(log.open(subscription, 1L)).isEqualTo(TransitionLog.Start.READY);
        Subscription.Ready ready = subscription.take();
        AppliedChange pending = ready.step();
        assertThat(pending.from()).isEqualTo(1);
        assertThat(pending.to()).isEqualTo(3);
        assertThat(pending.names()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void needsTheChangeLogForAStartPointOlderThanItsMemory() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            reload(name);
        }
        Subscription subscription = subscription();
        assertThat(log.open(subscription, 1L)).isEqualTo(TransitionLog.Start.NEEDS_CHANGE_LOG);
        assertThat(subscription.take()).isNull();
        assertThat(subscription.unresolvedUpTo()).isEqualTo(5);
    }

    @Test
    void aStartPointInsideOneOfItsStepsNeedsTheChangeLog() {
        // the node went from 1 to 3 in one step (a full reload): "b" was made at 2 and deleted at 3,
        // so the step names nothing for it, yet a watcher at 2 holds it
        reload("a");
        CatalogSnapshot three = snapshot.apply(3, List.of(), List.of());
        log.onReload(new CatalogReloaded(snapshot, three, Set.of(), ReloadKind.FULL, ReloadTrigger.SYNC));
        snapshot = three;
        Subscription subscription = subscription();
        assertThat(log.open(subscription, 2L)).isEqualTo(TransitionLog.Start.NEEDS_CHANGE_LOG);
        assertThat(subscription.take()).isNull();
    }

    @Test
    void aStartPointAtOrAboveTheNodeWaitsForTheNextStepPastIt() {
        reload("a");
        Subscription subscription = subscription();
        log.open(subscription, 2L);
        reload("b");
        assertThat(subscription.take()).isNull();
        reload("c");
        Subscription.Ready ready = subscription.take();
        AppliedChange pending = ready.step();
        assertThat(pending.from()).isEqualTo(2);
        assertThat(pending.to()).isEqualTo(3);
    }

    @Test
    void handsEveryStepToEveryOpenSubscriptionUntilClosed() {
        Subscription subscription = subscription();
        log.open(subscription, 0L);
        reload("a");
        assertThat(subscription.take().step().names()).containsExactly("a");
        log.close(subscription);
        reload("b");
        assertThat(subscription.take()).isNull();
    }

    @Test
    void aReloadThatKeptTheRevisionButChangedContentResetsWatchersAtThatRevision() {
        reload("a");
        Subscription subscription = subscription();
        log.open(subscription, 1L);
        CatalogReloaded manual = SubscriptionTest.sameRevision(snapshot, "a");
        log.onReload(manual);
        Subscription.Ready ready = subscription.take();
        assertThat(ready.step().reset()).isTrue();
        assertThat(ready.step().to()).isEqualTo(1);
        assertThat(ready.snapshot().tool("a").orElseThrow().version()).isEqualTo(99);
    }

    @Test
    void aHandEditThatKeptTheVersionIsNewContentToo() {
        reload("a");
        Tool edited = SubscriptionTest.tool("a", 1, 1);
        edited = Tools.from(edited).name("a").description("edited by hand").build();
        CatalogSnapshot next = snapshot.apply(1, List.of(edited), List.of());
        Subscription subscription = subscription();
        log.open(subscription, 1L);
        log.onReload(new CatalogReloaded(snapshot, next, Set.of(), ReloadKind.FULL, ReloadTrigger.MANUAL));
        Subscription.Ready ready = subscription.take();
        assertThat(ready.step().reset()).isTrue();
        assertThat(ready.snapshot().tool("a").orElseThrow().description()).isEqualTo("edited by hand");
    }

    @Test
    void aReloadThatFoundNothingNewSendsNothing() {
        reload("a");
        Subscription subscription = subscription();
        log.open(subscription, 1L);
        CatalogSnapshot same = snapshot.apply(1, List.of(snapshot.tool("a").orElseThrow()), List.of());
        log.onReload(new CatalogReloaded(snapshot, same, Set.of(), ReloadKind.FULL, ReloadTrigger.MANUAL));
        assertThat(subscription.take()).isNull();
    }

    @Test
    void aWatcherResumingAtARevisionWhoseContentWasReplacedGetsTheSnapshot() {
        reload("a");
        log.onReload(SubscriptionTest.sameRevision(snapshot, "a"));
        Subscription subscription = subscription();
        log.open(subscription, 1L);
        Subscription.Ready ready = subscription.take();
        assertThat(ready.step().reset()).isTrue();
        assertThat(ready.snapshot().tool("a").orElseThrow().version()).isEqualTo(99);
    }
}
