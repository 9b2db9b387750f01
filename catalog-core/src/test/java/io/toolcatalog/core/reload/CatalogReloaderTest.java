package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.tool.Tool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogReloaderTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final List<ReloadEvent> events = new ArrayList<>();
    private final List<CatalogReloaded> handled = new ArrayList<>();
    private final List<Runnable> queued = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private CatalogReloader reloader;

    @BeforeEach
    void start() {
        reloader = reloader(List.of(handled::add));
        db.commit(NOW.minusSeconds(60), "grep", "find");
        reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
        events.clear();
        handled.clear();
    }

    private CatalogReloader reloader(List<ReloadHandler> handlers) {
        ReloadEventListener sink = events::add;
        return new CatalogReloader(
                db,
                handlers,
                List.of(sink),
                new NodeIdentity("node-b", "http://b", NOW),
                SyncProperties.defaults(),
                clock,
                queued::add,
                sleeps::add);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Nested
    class CatchUp {

        @Test
        void appliesOnlyTheChangedNamesAndRecordsTheChangesIdentity() {
            CommittedChange change = db.commit(NOW.minusMillis(3), "grep");

            ReloadEvent event = reloader.catchUp();

            assertThat(event.kind()).isEqualTo(ReloadKind.PARTIAL);
            assertThat(event.fromRevision()).isEqualTo(1);
            assertThat(event.revision()).isEqualTo(2);
            assertThat(event.toolName()).isEqualTo("grep");
            assertThat(event.reloadId()).isEqualTo(change.reloadId());
            assertThat(event.originNode()).isEqualTo("node-a");
            assertThat(event.trigger()).isEqualTo(ReloadTrigger.API_UPDATE);
            assertThat(event.propagationMs()).isEqualTo(3.0);
            assertThat(event.nodeId()).isEqualTo("node-b");
            assertThat(reloader.snapshot().tool("grep"))
                    .get()
                    .extracting(Tool::version)
                    .isEqualTo(2);
            assertThat(db.readAllCalls).isEqualTo(1);
            assertThat(events).containsExactly(event);
        }

        @Test
        void removesDeletedTools() {
            db.delete(NOW, "find");

            reloader.catchUp();

            assertThat(reloader.snapshot().tool("find")).isEmpty();
            assertThat(reloader.snapshot().size()).isEqualTo(1);
        }

        @Test
        void doesNothingAndRecordsNothingWhenAlreadyCurrent() {
            assertThat(reloader.catchUp()).isNull();
            assertThat(events).isEmpty();
            assertThat(reloader.lastVerifiedAt()).isEqualTo(NOW);
        }

        @Test
        void reloadsEverythingWhenTheReadSaysItsRowsAreNotTheWholeStory() {
            db.commit(NOW, "grep");
            db.commit(NOW, "find");
            db.incomplete = true;

            ReloadEvent event = reloader.catchUp();

            assertThat(event.kind()).isEqualTo(ReloadKind.FULL);
            assertThat(event.revision()).isEqualTo(3);
            assertThat(reloader.snapshot().tool("grep"))
                    .get()
                    .extracting(Tool::version)
                    .isEqualTo(2);
            assertThat(db.readAllCalls).isEqualTo(2);
        }

        @Test
        void aReloadOfOneToolReloadsEverythingWhenTheReadIsIncomplete() {
            db.commit(NOW, "find");
            db.incomplete = true;

            ReloadEvent event = reloader.reload(new ReloadRequest(
                    ReloadTrigger.MANUAL, "grep", "ops", "admin", "check", UUID.randomUUID(), "node-b"));

            assertThat(event.kind()).isEqualTo(ReloadKind.FULL);
            assertThat(reloader.snapshot().tool("find"))
                    .get()
                    .extracting(Tool::version)
                    .isEqualTo(2);
        }
    }

    @Nested
    class DigestCheck {

        @Test
        void aSnapshotWhoseContentDiffersFromTheDatabaseAtItsRevisionIsReloadedAndCounted() {
            db.tools.put("grep", io.toolcatalog.core.testing.Tools.tool("grep", 7, db.revision));

            reloader.verifyDigest();

            assertThat(reloader.repairs()).isEqualTo(1);
            assertThat(reloader.snapshot().digest()).isEqualTo(db.digest().digest());
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ReloadKind.FULL);
                assertThat(e.trigger()).isEqualTo(ReloadTrigger.SYNC);
                assertThat(e.reason()).startsWith("repair");
            });
        }

        @Test
        void aMatchingDigestOrAnotherRevisionIsNoRepair() {
            reloader.verifyDigest();
            db.commit(NOW, "grep");

            reloader.verifyDigest();

            assertThat(reloader.repairs()).isZero();
            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(events).extracting(ReloadEvent::kind).containsExactly(ReloadKind.PARTIAL);
        }
    }

    @Nested
    class Doorbells {

        @Test
        void writersWaitingBehindARunningCatchUpDoNotReadAgain() throws Exception {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.commit(NOW, "grep");
            db.commit(NOW, "find");
            db.onReadSince = () -> {
                reading.countDown();
                await(release);
            };
            Thread first = new Thread(() -> reloader.catchUpTo(3));
            first.start();
            reading.await();
            Thread second = new Thread(() -> reloader.catchUpTo(2));
            second.start();
            org.awaitility.Awaitility.await().until(() -> second.getState() == Thread.State.WAITING);

            release.countDown();
            first.join();
            second.join();

            assertThat(db.readSinceCalls).as("only the first writer read").isEqualTo(1);
            assertThat(reloader.applied()).isEqualTo(3);
        }

        @Test
        void ignoresRevisionAlreadyApplied() {
            reloader.ring(1);

            assertThat(queued).isEmpty();
        }

        @Test
        void coalescesDoorbellsThatArriveBeforeTheCatchUpRuns() {
            db.commit(NOW, "grep");
            reloader.ring(2);
            db.commit(NOW, "find");
            reloader.ring(3);
            reloader.ring(3);

            assertThat(queued).hasSize(1);
            runQueued();

            assertThat(reloader.applied()).isEqualTo(3);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).toolsChanged()).isEqualTo(2);
        }

        @Test
        void aDoorbellDuringARunSchedulesExactlyOneMore() {
            db.commit(NOW, "grep");
            reloader.ring(2);
            Runnable first = queued.remove(0);
            first.run();
            db.commit(NOW, "find");
            reloader.ring(3);

            assertThat(queued).hasSize(1);
        }
    }

    @Nested
    class Failures {

        @Test
        void keepsTheLastGoodSnapshotAndRecordsTheFailure() {
            CatalogSnapshot good = reloader.snapshot();
            db.commit(NOW, "grep");
            db.failuresLeft = SyncProperties.defaults().readAttempts();

            ReloadEvent event = reloader.catchUp();

            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage())
                    .doesNotContain("database unreachable")
                    .containsPattern("Reload failed at revision 1 .*\\(error id [0-9a-f]{12}\\)$");
            assertThat(event.revision()).isEqualTo(1);
            assertThat(reloader.snapshot()).isSameAs(good);
            assertThat(events).containsExactly(event);
        }

        @Test
        void retriesReadsWithGrowingBackoff() {
            db.commit(NOW, "grep");
            db.failuresLeft = 2;

            ReloadEvent event = reloader.catchUp();

            assertThat(event.success()).isTrue();
            assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
        }

        @Test
        void isolatesAFailingHandlerFromTheOthers() {
            List<CatalogReloaded> seen = new ArrayList<>();
            ReloadHandler broken = new ReloadHandler() {
                @Override
                public void onReload(CatalogReloaded reloaded) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public String name() {
                    return "broken";
                }
            };
            CatalogReloader withHandlers = reloader(List.of(broken, seen::add));
            withHandlers.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));

            ReloadEvent event = events.get(events.size() - 1);
            assertThat(seen).hasSize(1);
            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage())
                    .doesNotContain("boom")
                    .containsPattern("Reload handler broken failed .*\\(error id [0-9a-f]{12}\\)$");
            assertThat(withHandlers.isLoaded()).isTrue();
        }
    }

    @Nested
    class ExplicitReloads {

        @Test
        void aManualReloadOfOneToolRecordsTheCallersReloadId() {
            UUID id = UUID.randomUUID();
            ReloadRequest request =
                    new ReloadRequest(ReloadTrigger.MANUAL, "grep", "ops", "admin", "checking", id, "node-a");

            ReloadEvent event = reloader.reload(request);

            assertThat(event.reloadId()).isEqualTo(id);
            assertThat(event.trigger()).isEqualTo(ReloadTrigger.MANUAL);
            assertThat(event.toolName()).isEqualTo("grep");
            assertThat(event.triggeredBy()).isEqualTo("ops");
            assertThat(event.principal()).isEqualTo("admin");
            assertThat(db.readSinceCalls).isEqualTo(1);
        }

        @Test
        void handlersAreToldWhichNamesChanged() {
            db.commit(NOW, "grep");
            db.delete(NOW, "find");

            reloader.reload(ReloadRequest.of(ReloadTrigger.PERIODIC, "node-b", "Periodic refresh"));

            assertThat(handled).hasSize(1);
            assertThat(handled.get(0).applied().names()).containsExactlyInAnyOrder("grep", "find");
            assertThat(handled.get(0).applied().kind()).isEqualTo(ReloadKind.FULL);
        }
    }

    @Nested
    class Waiting {

        @Test
        void awaitRevisionReturnsOnceACatchUpAppliesTheRevision() throws Exception {
            db.commit(NOW, "grep");
            java.util.concurrent.CompletableFuture<Boolean> waiter = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> reloader.awaitRevision(2, Duration.ofSeconds(30)));

            reloader.catchUp();

            assertThat(waiter.get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(reloader.applied()).isEqualTo(2);
        }

        @Test
        void awaitRevisionReadsNothingItself() {
            db.commit(NOW, "grep");
            int reads = db.readSinceCalls;

            assertThat(reloader.awaitRevision(2, Duration.ofMillis(60))).isFalse();
            assertThat(db.readSinceCalls).isEqualTo(reads);
        }

        @Test
        void awaitRevisionGivesUpOnARevisionThatDoesNotExist() {
            assertThat(reloader.awaitRevision(99, Duration.ofMillis(60))).isFalse();
        }
    }
}
