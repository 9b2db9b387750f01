package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Tool;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransitionLogTest {

    private final TransitionLog log = new TransitionLog(3, new WatchMetrics());
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
        Pending pending = subscription.take();
        assertThat(pending.isReset()).isTrue();
        assertThat(pending.snapshot().tools()).hasSize(2);
    }

    @Test
    void servesAStartPointItsRecentStepsCoverFromMemory() {
        reload("a");
        reload("b");
        reload("c");
        Subscription subscription = subscription();
        assertThat(log.open(subscription, 1L)).isEqualTo(TransitionLog.Start.READY);
        Pending pending = subscription.take();
        assertThat(pending.from()).isEqualTo(1);
        assertThat(pending.revision()).isEqualTo(3);
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
    void aStartPointAtOrAboveTheNodeWaitsForTheNextStepPastIt() {
        reload("a");
        Subscription subscription = subscription();
        log.open(subscription, 2L);
        reload("b");
        assertThat(subscription.take()).isNull();
        reload("c");
        Pending pending = subscription.take();
        assertThat(pending.from()).isEqualTo(2);
        assertThat(pending.revision()).isEqualTo(3);
    }

    @Test
    void handsEveryStepToEveryOpenSubscriptionUntilClosed() {
        Subscription subscription = subscription();
        log.open(subscription, 0L);
        reload("a");
        assertThat(subscription.take().names()).containsExactly("a");
        log.close(subscription);
        reload("b");
        assertThat(subscription.take()).isNull();
    }
}
