package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.history.ReloadKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** A change whose rows are known is applied from them, without a read, only at their from-revision. */
class CarriedRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final List<ReloadEvent> events = new ArrayList<>();
    private final List<CatalogReloaded> handled = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private CatalogReloader reloader;

    @BeforeEach
    void start() {
        reloader = reloader(true);
        db.commit(NOW.minusSeconds(60), "grep", "find");
        reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
        events.clear();
        handled.clear();
        db.readAllCalls = 0;
        db.readSinceCalls = 0;
    }

    private CatalogReloader reloader(boolean applyRows) {
        ReloadEventListener sink = events::add;
        return new CatalogReloader(
                db,
                List.of(handled::add),
                List.of(sink),
                new NodeIdentity("node-b", "http://b", NOW),
                SyncProperties.defaults(),
                clock,
                Runnable::run,
                d -> {},
                applyRows,
                Runnable::run,
                1);
    }

    /** The rows of the change just committed to the fake database, as its committing transaction saw them. */
    private RevisionRows rowsOf(CommittedChange change) {
        List<String> removed = change.toolNames().stream()
                .filter(name -> !db.tools.containsKey(name))
                .toList();
        return new RevisionRows(
                change,
                change.revision() - 1,
                change.toolNames().stream()
                        .filter(db.tools::containsKey)
                        .map(db.tools::get)
                        .toList(),
                removed);
    }

    private int reads() {
        return db.readAllCalls + db.readSinceCalls;
    }

    @Nested
    class Doorbell {

        @Test
        void ignoresARevisionAlreadyApplied() {
            CommittedChange change = db.commit(NOW, "grep");
            RevisionRows rows = rowsOf(change);
            reloader.catchUp();
            events.clear();
            db.readSinceCalls = 0;

            assertThat(reloader.announced(change.revision(), rows, true, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.ALREADY_APPLIED);

            assertThat(reads()).isZero();
            assertThat(events).isEmpty();
        }

        @Test
        void appliesCarriedRowsWithoutReading() {
            CommittedChange change = db.commit(NOW, "grep");

            assertThat(reloader.announced(change.revision(), rowsOf(change), true, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.APPLIED_CARRIED);

            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(reads()).isZero();
        }

        @Test
        void catchesUpWhenBehindTheRows() {
            db.commit(NOW, "grep");
            CommittedChange later = db.commit(NOW, "find");

            assertThat(reloader.announced(later.revision(), rowsOf(later), true, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.RANG);

            assertThat(reloader.applied()).isEqualTo(3);
            assertThat(db.readSinceCalls).isEqualTo(1);
        }

        @Test
        void catchesUpWhenNothingWasCarried() {
            CommittedChange change = db.commit(NOW, "grep");

            assertThat(reloader.announced(change.revision(), null, true, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.RANG);

            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(db.readSinceCalls).isEqualTo(1);
        }
    }

    @Nested
    class FromAPeer {

        @Test
        void appliesRowsAtTheirFromRevisionWithoutReadingTheDatabase() {
            CommittedChange change = db.commit(NOW.minusMillis(2), "grep");

            boolean applied = reloader.applyCarried(rowsOf(change), true, Duration.ofMillis(5));

            assertThat(applied).isTrue();
            assertThat(reads()).isZero();
            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(reloader.snapshot().tool("grep")).contains(db.tools.get("grep"));
            assertThat(reloader.snapshot().digest())
                    .isEqualTo(db.digest().digest())
                    .as("the same digest as the database at the revision");
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.reloadId()).isEqualTo(change.reloadId());
                assertThat(event.fromRevision()).isEqualTo(1);
                assertThat(event.revision()).isEqualTo(2);
                assertThat(event.kind()).isEqualTo(ReloadKind.PARTIAL);
                assertThat(event.propagationMs()).isEqualTo(2.0);
            });
            assertThat(handled)
                    .singleElement()
                    .satisfies(r -> assertThat(r.applied().names()).containsExactly("grep"));
        }

        @Test
        void removesTheNamesTheRowsRemoved() {
            CommittedChange change = db.delete(NOW, "find");

            assertThat(reloader.applyCarried(rowsOf(change), true, Duration.ofMillis(5)))
                    .isTrue();

            assertThat(reloader.snapshot().tool("find")).isEmpty();
            assertThat(reloader.snapshot().size()).isEqualTo(1);
            assertThat(reads()).isZero();
        }

        @Test
        void aNodeBehindTheFromRevisionLeavesTheRowsAlone() {
            db.commit(NOW, "grep");
            CommittedChange later = db.commit(NOW, "find");

            assertThat(reloader.applyCarried(rowsOf(later), true, Duration.ofMillis(5)))
                    .isFalse();

            assertThat(reloader.applied()).isEqualTo(1);
            assertThat(events).isEmpty();
        }

        @Test
        void aNodePastTheRevisionLeavesTheRowsAlone() {
            CommittedChange earlier = db.commit(NOW, "grep");
            RevisionRows rows = rowsOf(earlier);
            db.commit(NOW, "grep");
            reloader.catchUp();
            events.clear();

            assertThat(reloader.applyCarried(rows, true, Duration.ofMillis(5))).isFalse();

            assertThat(reloader.applied()).isEqualTo(3);
            assertThat(reloader.snapshot().tool("grep")).contains(db.tools.get("grep"));
            assertThat(events).isEmpty();
        }

        @Test
        void givesUpWhenTheLockStaysBusyAndLeavesTheChangeToTheRunningCatchUp() throws Exception {
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.onReadSince = () -> {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Thread catchUp = new Thread(reloader::catchUp);
            catchUp.start();
            reading.await();
            CommittedChange change = db.commit(NOW, "grep");

            long start = System.nanoTime();
            boolean applied = reloader.applyCarried(rowsOf(change), true, Duration.ofMillis(20));
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            release.countDown();
            catchUp.join();

            assertThat(applied).isFalse();
            assertThat(waitedMs).isBetween(15L, 2_000L);
        }

        @Test
        void aNodeNotYetLoadedLeavesTheRowsAlone() {
            reloader = reloader(true);
            db.revision = 0;
            db.tools.clear();
            db.log.clear();
            CommittedChange first = db.commit(NOW, "grep");

            assertThat(reloader.applyCarried(rowsOf(first), true, Duration.ofMillis(5)))
                    .isFalse();
            assertThat(reloader.isLoaded()).isFalse();
        }

        @Test
        void withRowsTurnedOffNothingIsAppliedFromThem() {
            reloader = reloader(false);
            reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
            CommittedChange change = db.commit(NOW, "grep");

            assertThat(reloader.applyCarried(rowsOf(change), true, Duration.ofMillis(5)))
                    .isFalse();
            assertThat(reloader.applied()).isEqualTo(1);
        }
    }

    @Nested
    class OwnCommit {

        @Test
        void appliesItsOwnRowsWithoutReadingTheDatabase() {
            CommittedChange change = db.commit(NOW, "grep");

            reloader.applyOwnCommit(rowsOf(change));

            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(reads()).isZero();
        }

        @Test
        void catchesUpWhenAnotherNodesRevisionCameBetween() {
            db.commit(NOW, "find");
            CommittedChange mine = db.commit(NOW, "grep");

            reloader.applyOwnCommit(rowsOf(mine));

            assertThat(reloader.applied()).isEqualTo(3);
            assertThat(db.readSinceCalls).isEqualTo(1);
            assertThat(reloader.snapshot().digest()).isEqualTo(db.digest().digest());
        }

        @Test
        void withRowsTurnedOffReadsItsOwnWriteBack() {
            reloader = reloader(false);
            reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
            db.readSinceCalls = 0;
            CommittedChange change = db.commit(NOW, "grep");

            reloader.applyOwnCommit(rowsOf(change));

            assertThat(reloader.applied()).isEqualTo(2);
            assertThat(db.readSinceCalls).isEqualTo(1);
        }
    }
}
