package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.history.ReloadEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSyncTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final List<ReloadEvent> events = new ArrayList<>();
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final CatalogReloader reloader = new CatalogReloader(
            db,
            List.of(),
            List.of(events::add),
            new NodeIdentity("node-b", "http://b", NOW),
            SyncProperties.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            Runnable::run,
            d -> {});

    private record Scheduled(Runnable task, Duration delay, boolean[] cancelled) {}

    private final Scheduler scheduler = (task, initialDelay, delay) -> {
        boolean[] cancelled = {false};
        scheduled.add(new Scheduled(task, delay, cancelled));
        return () -> cancelled[0] = true;
    };

    private CatalogSync sync(ReloadProperties reload) {
        new PeriodicRefresh(reloader, scheduler, reload).start();
        return new CatalogSync(reloader, scheduler, SyncProperties.defaults(), () -> {});
    }

    private void runEvery(Duration delay) {
        scheduled.stream().filter(s -> s.delay.equals(delay)).forEach(s -> s.task.run());
    }

    @Test
    void loadsAtStartAndThePollCatchesUpWithAMissedChange() {
        db.commit(NOW, "grep");
        sync(ReloadProperties.defaults()).start();

        assertThat(reloader.isLoaded()).isTrue();
        assertThat(events).extracting(ReloadEvent::trigger).containsExactly(ReloadTrigger.STARTUP);

        db.commit(NOW, "find");
        runEvery(Duration.ofSeconds(1));

        assertThat(reloader.applied()).isEqualTo(2);
        assertThat(events)
                .extracting(ReloadEvent::trigger)
                .containsExactly(ReloadTrigger.STARTUP, ReloadTrigger.API_UPDATE);
    }

    @Test
    void keepsRetryingTheFirstLoadUntilTheDatabaseAnswers() {
        db.failuresLeft = SyncProperties.defaults().readAttempts();
        CatalogSync sync = sync(ReloadProperties.defaults());
        sync.start();

        assertThat(reloader.isLoaded()).isFalse();
        runEvery(Duration.ofSeconds(1));

        assertThat(reloader.isLoaded()).isTrue();
    }

    @Test
    void schedulesThePeriodicFullReloadOnlyWhenEnabled() {
        sync(ReloadProperties.defaults()).start();
        assertThat(scheduled).noneMatch(s -> s.delay.equals(Duration.ofSeconds(120)));

        scheduled.clear();
        sync(new ReloadProperties(true, Duration.ofSeconds(120), 100)).start();
        runEvery(Duration.ofSeconds(120));

        assertThat(events).extracting(ReloadEvent::trigger).contains(ReloadTrigger.PERIODIC);
    }

    @Test
    void theDigestCheckRunsAtItsOwnIntervalAndRepairsASnapshotThatDiffers() {
        db.commit(NOW, "grep");
        sync(ReloadProperties.defaults()).start();
        db.tools.put("grep", io.toolcatalog.core.testing.Tools.tool("grep", 9, db.revision));

        runEvery(Duration.ofSeconds(1));
        assertThat(reloader.repairs()).isZero();
        runEvery(SyncProperties.defaults().digestCheckInterval());

        assertThat(reloader.repairs()).isEqualTo(1);
        assertThat(reloader.snapshot().tool("grep").orElseThrow().version()).isEqualTo(9);
    }

    @Test
    void stopCancelsEveryTask() {
        CatalogSync sync = sync(ReloadProperties.defaults());
        sync.start();
        sync.stop();

        assertThat(scheduled).allMatch(s -> s.cancelled[0]);
        assertThat(sync.isRunning()).isFalse();
    }

    @Test
    void countsFailedPollsAndKeepsServingTheLastSnapshot() {
        db.commit(NOW, "grep");
        CatalogSync sync = sync(ReloadProperties.defaults());
        sync.start();
        db.failuresLeft = 5;

        for (int i = 0; i < 5; i++) {
            runEvery(Duration.ofSeconds(1));
        }

        assertThat(sync.pollFailures()).isEqualTo(5);
        assertThat(reloader.applied()).isEqualTo(1);
    }
}
