package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Given a report executor, what follows a swap (handlers, the reload event, history) runs after it,
 * in the order of the swaps, while readers already see the new snapshot; past the bound, reports are
 * folded and counted, never reordered; an explicit reload and the writer's own change still answer
 * after their report.
 */
class ReportsAfterTheSwapTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final List<ReloadEvent> events = new CopyOnWriteArrayList<>();
    private final List<CatalogReloaded> handled = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Runnable> reportTasks = new ArrayDeque<>();
    private final ExecutorService reportThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        reportThread.shutdownNow();
    }

    private CatalogReloader reloader(Executor reports, int capacity, ReloadHandler... more) {
        ReloadEventListener history = events::add;
        List<ReloadHandler> handlers = new ArrayList<>(List.of(handled::add));
        handlers.addAll(List.of(more));
        CatalogReloader reloader = new CatalogReloader(
                db,
                handlers,
                List.of(history),
                new NodeIdentity("node-b", "http://b", NOW),
                SyncProperties.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                Runnable::run,
                d -> {},
                true,
                reports,
                capacity);
        db.commit(NOW.minusSeconds(60), "grep", "find");
        return reloader;
    }

    /** Reports queued on a hand-run executor: none runs until the test says so. */
    private CatalogReloader heldReports(int capacity) {
        CatalogReloader reloader = reloader(reportTasks::add, capacity);
        reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load")); // ran the report itself
        handled.clear();
        events.clear();
        return reloader;
    }

    private void runReports() {
        while (!reportTasks.isEmpty()) {
            reportTasks.poll().run();
        }
    }

    private RevisionRows rowsOf(CommittedChange change) {
        return new RevisionRows(
                change,
                change.revision() - 1,
                change.toolNames().stream().map(db.tools::get).toList(),
                List.of());
    }

    @Nested
    class CarriedRows {

        @Test
        void readersSeeTheSwapBeforeHandlersAndHistoryHearOfIt() {
            CatalogReloader reloader = heldReports(100);
            CommittedChange change = db.commit(NOW, "grep");

            assertThat(reloader.applyCarried(rowsOf(change), true, Duration.ZERO))
                    .isTrue();

            assertThat(reloader.applied()).isEqualTo(change.revision());
            assertThat(reloader.awaitRevision(change.revision(), Duration.ZERO)).isTrue();
            assertThat(reloader.snapshot().tool("grep").orElseThrow().version()).isEqualTo(2);
            assertThat(handled).isEmpty();
            assertThat(events).isEmpty();

            runReports();

            assertThat(handled).singleElement().satisfies(r -> {
                assertThat(r.current().revision()).isEqualTo(change.revision());
                assertThat(r.applied().names()).containsExactly("grep");
            });
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.revision()).isEqualTo(change.revision());
                assertThat(e.success()).isTrue();
                assertThat(e.timestamp()).isEqualTo(NOW);
            });
        }

        @Test
        void handlersAndHistoryHearOfSwapsInTheirOrder() {
            CatalogReloader reloader = heldReports(100);
            for (String name : List.of("grep", "find", "grep")) {
                reloader.applyCarried(rowsOf(db.commit(NOW, name)), true, Duration.ZERO);
            }

            runReports();

            assertThat(handled).extracting(r -> r.current().revision()).containsExactly(2L, 3L, 4L);
            assertThat(events).extracting(ReloadEvent::revision).containsExactly(2L, 3L, 4L);
        }
    }

    @Nested
    class PastTheBound {

        @Test
        void foldsTheNewestWaitingReportIntoTheNextAndCountsTheDroppedEvents() {
            CatalogReloader reloader = heldReports(2);
            reloader.applyCarried(rowsOf(db.commit(NOW, "grep")), true, Duration.ZERO);
            reloader.applyCarried(rowsOf(db.commit(NOW, "find")), true, Duration.ZERO);
            reloader.applyCarried(rowsOf(db.commit(NOW, "sed")), true, Duration.ZERO);
            reloader.applyCarried(rowsOf(db.commit(NOW, "awk")), true, Duration.ZERO);

            runReports();

            assertThat(reloader.applied()).isEqualTo(5);
            assertThat(handled).hasSize(2);
            assertThat(handled.get(0).previous().revision()).isEqualTo(1);
            assertThat(handled.get(0).current().revision()).isEqualTo(2);
            assertThat(handled.get(1).previous().revision()).isEqualTo(2);
            assertThat(handled.get(1).current().revision()).isEqualTo(5);
            assertThat(handled.get(1).applied().names()).containsExactlyInAnyOrder("find", "sed", "awk");
            assertThat(events).extracting(ReloadEvent::revision).containsExactly(2L, 5L);
            assertThat(reloader.reportsFolded()).isEqualTo(2);
        }
    }

    @Nested
    class Answers {

        @Test
        void anExplicitReloadAnswersWithItsEventOnceItsHandlersRan() {
            ReloadHandler broken = reloaded -> {
                throw new IllegalStateException("boom");
            };
            CatalogReloader reloader = reloader(reportThread, 100, broken);

            ReloadEvent event = reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "node-b", "by hand"));

            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage()).contains("Reload handler", "failed at revision");
            assertThat(events).contains(event);
        }

        @Test
        void theWritersOwnChangeIsInItsHistoryWhenTheWriteAnswers() {
            CatalogReloader reloader = reloader(reportThread, 100);
            reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
            CommittedChange change = db.commit(NOW, "grep");

            reloader.applyOwnCommit(rowsOf(change));

            assertThat(events).extracting(ReloadEvent::revision).contains(change.revision());
            assertThat(handled).extracting(r -> r.current().revision()).contains(change.revision());
        }
    }
}
