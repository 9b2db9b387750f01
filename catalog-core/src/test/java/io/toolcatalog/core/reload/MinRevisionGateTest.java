package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.error.DatabaseUnavailableException;
import io.toolcatalog.core.error.RevisionNotCommittedException;
import io.toolcatalog.core.error.RevisionNotReachedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MinRevisionGateTest {

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
    private CatalogReloader reloader;

    @BeforeEach
    void start() {
        reloader = new CatalogReloader(
                db,
                List.of(),
                List.of(),
                new NodeIdentity("node-b", "http://b", Instant.now()),
                SyncProperties.defaults(),
                Clock.systemUTC(),
                queued::add,
                d -> {});
        db.commit(Instant.now(), "grep");
        reloader.catchUp();
    }

    private MinRevisionGate gate(int maxWaiters, Duration wait) {
        SyncProperties d = SyncProperties.defaults();
        return new MinRevisionGate(
                reloader,
                db,
                new SyncProperties(
                        d.pollInterval(),
                        d.maxStaleness(),
                        d.fullReloadThreshold(),
                        wait,
                        d.readAttempts(),
                        d.readBackoff(),
                        d.changeLogRetention(),
                        d.digestCheckInterval(),
                        maxWaiters,
                        d.connections()));
    }

    private void runQueued() {
        List<Runnable> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void passesAtOnceForAnAppliedRevision() {
        gate(10, Duration.ofSeconds(5)).await(1);
    }

    @Test
    void refusesARevisionTheDatabaseNeverCommittedWithoutWaitingOrCatchingUp() {
        MinRevisionGate gate = gate(10, Duration.ofSeconds(30));

        assertThatThrownBy(() -> gate.await(Long.MAX_VALUE))
                .isInstanceOf(RevisionNotCommittedException.class)
                .hasMessageContaining("revision 1");
        assertThatThrownBy(() -> gate.await(2)).isInstanceOf(RevisionNotCommittedException.class);
        assertThat(queued).isEmpty();
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void aWaiterSleepsWithoutReadingAndWakesWhenTheRevisionIsApplied() {
        MinRevisionGate gate = gate(10, Duration.ofSeconds(30));
        db.commit(Instant.now(), "find");

        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> gate.await(2));
        await().until(() -> gate.waiting() == 1);
        int reads = db.readSinceCalls;

        assertThat(waiter).isNotDone();
        assertThat(db.readSinceCalls).as("a waiter reads nothing itself").isEqualTo(reads);
        runQueued(); // the doorbell it rang: one catch-up, on the catch-up thread
        await().atMost(Duration.ofSeconds(2)).until(waiter::isDone);
        assertThat(waiter).isCompleted();
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void answersAtOncePastTheWaiterBound() {
        MinRevisionGate gate = gate(1, Duration.ofSeconds(30));
        db.commit(Instant.now(), "find");
        CompletableFuture<Void> parked = CompletableFuture.runAsync(() -> gate.await(2));
        await().until(() -> gate.waiting() == 1);

        assertThatThrownBy(() -> gate.await(2))
                .isInstanceOf(RevisionNotReachedException.class)
                .hasMessageContaining("already waiting");

        runQueued();
        await().until(parked::isDone);
    }

    @Test
    void givesUpWhenTheRevisionIsNotAppliedWithinTheWait() {
        MinRevisionGate gate = gate(10, Duration.ofMillis(50));
        db.commit(Instant.now(), "find");

        assertThatThrownBy(() -> gate.await(2))
                .isInstanceOf(RevisionNotReachedException.class)
                .hasMessageContaining("not applied after 50 ms");
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void saysTheDatabaseIsUnavailableWhenItCannotCheckTheRevision() {
        MinRevisionGate gate = gate(10, Duration.ofSeconds(1));
        db.failuresLeft = 1;

        assertThatThrownBy(() -> gate.await(5)).isInstanceOf(DatabaseUnavailableException.class);
    }
}
