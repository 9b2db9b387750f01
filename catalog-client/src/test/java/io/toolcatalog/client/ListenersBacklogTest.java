package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stalled listener holds a bounded number of changes: past its backlog they are merged into one. */
class ListenersBacklogTest {

    private static CatalogChanged change(long from, long to, List<CatalogTool> changed, List<String> removed) {
        return new CatalogChanged(from, to, changed, removed, false);
    }

    @Test
    void aStalledListenerGetsTheChangesPastItsBacklogMergedAndMissesNothing() throws Exception {
        Listeners listeners = new Listeners("test", 10, (change, error) -> {});
        CountDownLatch stalled = new CountDownLatch(1);
        List<CatalogChanged> told = new CopyOnWriteArrayList<>();
        listeners.add(change -> {
            try {
                stalled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            told.add(change);
        });
        try {
            for (int revision = 1; revision <= 1000; revision++) {
                CatalogTool tool = ScriptedNode.tool("t" + (revision % 7), revision, revision, true, revision);
                List<String> removed = revision % 10 == 0 ? List.of("t" + ((revision + 3) % 7)) : List.of();
                listeners.tell(change(revision - 1, revision, List.of(tool), removed));
            }
            stalled.countDown();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !told.isEmpty() && told.get(told.size() - 1).revision() == 1000);
            assertThat(told.size()).isLessThanOrEqualTo(12);
            for (int i = 1; i < told.size(); i++) {
                assertThat(told.get(i).fromRevision()).isEqualTo(told.get(i - 1).revision());
            }
            assertThat(told.get(0).fromRevision()).isZero();
        } finally {
            listeners.close();
        }
    }

    @Test
    void aMergedChangeHoldsEachToolAsTheLastChangeLeftIt() {
        CatalogTool a1 = ScriptedNode.tool("a", 1, 1, true, 1);
        CatalogTool b2 = ScriptedNode.tool("b", 1, 2, true, 2);
        CatalogTool a3 = ScriptedNode.tool("a", 2, 3, true, 3);

        CatalogChanged merged = Listeners.merge(List.of(
                change(0, 1, List.of(a1), List.of()),
                change(1, 2, List.of(b2), List.of("c")),
                change(2, 3, List.of(a3), List.of("b"))));

        assertThat(merged.fromRevision()).isZero();
        assertThat(merged.revision()).isEqualTo(3);
        assertThat(merged.changed()).containsExactly(a3);
        assertThat(merged.removed()).containsExactlyInAnyOrder("c", "b");
    }
}
