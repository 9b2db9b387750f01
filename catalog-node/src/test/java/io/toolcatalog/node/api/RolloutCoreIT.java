package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.ChangeRequestCalls.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.error.RolloutException;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.rollout.AbortRule;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutPlan;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.store.ToolStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rollout core on two nodes, through its services: each move is a revision every node takes
 * (with the rollouts of that revision), views follow the percent, held tools refuse other writes,
 * completion publishes the request and abort fails it.
 */
class RolloutCoreIT extends ChangeRequestCluster {

    static final Participant BOB = new Participant("bob", true, false);

    static Rollouts rollouts;

    @BeforeAll
    static void start() {
        // only messages carry changes to the peer: a move it takes is one its message carried
        startCluster("rollout-core", 2, Map.of("catalog.sync.poll-interval", "1h"));
        rollouts = cluster.bean(1, Rollouts.class);
    }

    static RolloutPlan plan(double... percents) {
        return new RolloutPlan(
                java.util.Arrays.stream(percents)
                        .mapToObj(p -> new RolloutStep(p, Duration.ofHours(1)))
                        .toList(),
                Map.of(),
                AbortRule.DEFAULT,
                false);
    }

    static ConsumerView viewOn(int node, String consumer) {
        return cluster.bean(node, AppliedCatalog.class).snapshot().view(new ConsumerIdentity(consumer, Map.of()));
    }

    @Test
    void stepsAreRevisionsThatEveryNodeServesInTheCohortsView() {
        long cr = calls.approved("rolled", "rolled-new", 700);
        Rollout rollout = rollouts.start(cr, plan(30, 60), BOB);
        assertThat(rollout.state()).isEqualTo(RolloutState.RUNNING);
        assertThat(rollout.tools()).containsExactly("rolled-new");
        assertThat(calls.state(cr)).isEqualTo("rolling_out");

        List<String> consumers = IntStream.range(0, 200).mapToObj(i -> "c" + i).toList();
        await().atMost(WITHIN).until(() -> cluster.bean(2, AppliedCatalog.class).applied() >= rollout.revision());
        List<String> in30 = consumers.stream()
                .filter(c -> viewOn(2, c).rolloutIds().contains(rollout.id()))
                .toList();
        assertThat(in30)
                .containsExactlyElementsOf(consumers.stream()
                        .filter(c -> ActiveRollout.bucket(rollout.id(), c) < 3000)
                        .toList());
        assertThat(viewOn(2, in30.get(0)).snapshot().tool("rolled-new")).isPresent();
        String out =
                consumers.stream().filter(c -> !in30.contains(c)).findFirst().orElseThrow();
        assertThat(viewOn(2, out).snapshot().tool("rolled-new")).isEmpty();
        assertThat(viewOn(2, out).name()).isEqualTo("stable");
        assertThat(viewOn(2, in30.get(0)).name()).isEqualTo("rollout=" + rollout.id());
        assertThat(cluster.bean(2, AppliedCatalog.class)
                        .snapshot()
                        .view(ConsumerIdentity.ANONYMOUS)
                        .stable())
                .isTrue();

        Rollout at60 = rollouts.advance(rollout.id(), BOB);
        assertThat(at60.percent()).isEqualTo(60);
        await().atMost(WITHIN).until(() -> cluster.bean(2, AppliedCatalog.class).applied() >= at60.revision());
        List<String> in60 = consumers.stream()
                .filter(c -> viewOn(2, c).rolloutIds().contains(rollout.id()))
                .toList();
        assertThat(in60).containsAll(in30).hasSizeGreaterThan(in30.size());

        Rollout done = rollouts.advance(rollout.id(), BOB);
        assertThat(done.state()).isEqualTo(RolloutState.COMPLETED);
        assertThat(calls.state(cr)).isEqualTo("published");
        cluster.awaitConverged(WITHIN);
        assertThat(cluster.bean(2, AppliedCatalog.class).snapshot().rollouts()).isEmpty();
        assertThat(viewOn(2, out).snapshot().tool("rolled-new")).isPresent();
        assertThat(jdbc.queryForList(
                        "SELECT operation FROM catalog_changes WHERE change_request_id = ? ORDER BY revision",
                        String.class,
                        cr))
                .containsExactly("rollout_start", "rollout_step", "rollout_complete");
    }

    /** Messages whose rows node 2 applied without reading PostgreSQL. */
    static double carriedOnPeer() {
        return cluster.bean(2, MeterRegistry.class)
                .counter("catalog.cluster.messages.received", "type", "catalog_changed", "outcome", "applied_carried")
                .count();
    }

    /** Node 2 at the move's revision, serving the rollouts PostgreSQL holds as active. */
    static void awaitPeerServes(Rollout moved) {
        await().atMost(WITHIN).until(() -> cluster.bean(2, AppliedCatalog.class).applied() >= moved.revision());
        assertThat(cluster.bean(2, AppliedCatalog.class).snapshot().rollouts())
                .isEqualTo(cluster.bean(1, ToolStore.class).activeRollouts());
    }

    @Test
    void everyMoveReachesThePeerInItsMessageWithTheRolloutsOfItsRevision() {
        long cr = calls.approved("carried", "carried-new", 900);
        double before = carriedOnPeer();

        Rollout started = rollouts.start(cr, plan(10, 50), BOB);
        awaitPeerServes(started);
        Rollout stepped = rollouts.advance(started.id(), BOB);
        awaitPeerServes(stepped);
        Rollout paused = rollouts.pause(started.id(), BOB);
        awaitPeerServes(paused);
        assertThat(cluster.bean(2, AppliedCatalog.class).snapshot().rollouts())
                .filteredOn(r -> r.id() == started.id())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.paused()).isTrue();
                    assertThat(r.percent()).isEqualTo(50);
                    assertThat(r.candidates()).containsOnlyKeys("carried-new");
                });
        Rollout aborted = rollouts.abort(started.id(), "bob", "carried back");
        awaitPeerServes(aborted);

        assertThat(carriedOnPeer() - before).isEqualTo(4);
        assertThat(cluster.bean(2, AppliedCatalog.class).snapshot().tool("carried-new"))
                .isEmpty();
    }

    @Test
    void heldToolsRefuseOtherWritesAndAnAbortFailsTheRequest() {
        Api.Reply created = api.post("/api/v1/tools")
                .token(ChangeRequestCalls.ADMIN)
                .json("{\"name\": \"held\", \"description\": \"stable\"}")
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long cr = calls.open(ALICE, "edit held");
        ChangeRequestCalls.ok(
                calls.stage(ALICE, cr, "held", "{\"action\": \"upsert\", \"tool\": {\"description\": \"candidate\"}}"));
        ChangeRequestCalls.ok(calls.step(ALICE, cr, "submit"));
        ChangeRequestCalls.ok(calls.step(ChangeRequestCalls.BOB, cr, "approve"));
        Rollout rollout = rollouts.start(cr, plan(50), BOB);

        Api.Reply refused = api.put("/api/v1/tools/held")
                .token(ChangeRequestCalls.ADMIN)
                .json("{\"description\": \"sneaky\"}")
                .send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("rollout_id").asLong()).isEqualTo(rollout.id());

        long other = calls.approved("second", "held-2", 100);
        long crOverHeld = calls.open(ALICE, "also held");
        ChangeRequestCalls.ok(calls.stage(
                ALICE, crOverHeld, "held", "{\"action\": \"upsert\", \"tool\": {\"description\": \"other\"}}"));
        assertThatThrownBy(() -> rollouts.start(crOverHeld, plan(10), BOB))
                .isInstanceOf(RolloutException.class)
                .hasMessageContaining("Rollout " + rollout.id());
        assertThat(calls.state(crOverHeld)).isEqualTo("draft");
        assertThat(rollouts.start(other, plan(10), BOB).state()).isEqualTo(RolloutState.RUNNING);

        Rollout aborted = rollouts.abort(rollout.id(), "bob", "looked wrong");
        assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
        assertThat(aborted.reason()).isEqualTo("looked wrong");
        assertThat(calls.state(cr)).isEqualTo("failed");
        assertThat(jdbc.queryForObject(
                        "SELECT trigger FROM catalog_changes WHERE operation = 'rollout_abort' AND change_request_id = ?",
                        String.class,
                        cr))
                .isEqualTo("rollback");
        Api.Reply after = api.put("/api/v1/tools/held")
                .token(ChangeRequestCalls.ADMIN)
                .json("{\"description\": \"free again\"}")
                .send();
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        cluster.awaitConverged(WITHIN);
        assertThat(cluster.bean(2, AppliedCatalog.class).snapshot().rollouts())
                .extracting(ActiveRollout::id)
                .doesNotContain(rollout.id());
    }
}
