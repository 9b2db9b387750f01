package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.StagedRollouts.createStableTool;
import static io.toolcatalog.node.api.StagedRollouts.databaseRevision;
import static io.toolcatalog.node.api.StagedRollouts.startOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.RolloutStep;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.node.testing.TestCluster;
import io.toolcatalog.node.testing.TestNodes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rollout whose candidate no node can read (its stored document broken by hand after it started)
 * stops by itself: the reload that meets it fails, the node keeps serving its last good snapshot
 * and aborts the rollout, and every node ends on the abort's revision with no active rollout,
 * serving the stable version to the consumers that were in the cohort.
 */
class RolloutApplyFailureIT {

    private static final String HELD = "af-held";
    private static final String OTHER = "af-other";

    @Test
    void aCandidateNoNodeCanReadAbortsTheRolloutAndEveryNodeServesTheStableVersion() throws Exception {
        try (TestCluster cluster = TestCluster.start("af", 2, ChangeRequestCalls.people());
                Connection db = DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "")) {
            createStableTool(new Api(cluster.node(1).port()), OTHER, 1000);
            StagedRollouts.Started started = startOn(
                    cluster,
                    HELD,
                    "a candidate no node can read",
                    2500,
                    new RolloutStep(50, Duration.ofHours(1)),
                    new RolloutStep(100, Duration.ZERO));
            Api api = started.api();
            Rollouts rollouts = started.rollouts();
            Rollout rollout = started.rollout();
            long request = started.request();
            ConsumerIdentity inCohort = inCohortOf(rollout.id());

            // every node serves the candidate to the cohort, the stable version to everyone else
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (TestNodes.Node node : cluster.nodes()) {
                    CatalogSnapshot snapshot = node.bean(CatalogReloader.class).snapshot();
                    assertThat(timeoutOf(snapshot.view(inCohort).snapshot())).isEqualTo(2500);
                    assertThat(timeoutOf(snapshot.stableView().snapshot())).isEqualTo(1000);
                }
            });

            try (Statement s = db.createStatement()) {
                assertThat(s.executeUpdate("UPDATE rollout_candidates SET document = jsonb_set(document, '{profiles}',"
                                + " '\"broken\"') WHERE rollout_id = " + rollout.id()))
                        .isEqualTo(1);
            }
            // a revision past the broken row (a write to another tool), then a reload that reads it
            assertThat(api.put("/api/v1/tools/" + OTHER)
                            .token(TestNodes.ADMIN_TOKEN)
                            .json("{\"description\": \"moved on\"}")
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/tools/reload?scope=cluster")
                            .token(TestNodes.ADMIN_TOKEN)
                            .send()
                            .status())
                    .isLessThan(300);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rollouts.find(rollout.id()).state() == RolloutState.ABORTED);
            Rollout aborted = rollouts.find(rollout.id());
            assertThat(aborted.reason()).contains("could not apply it").contains(HELD);
            assertThat(started.calls().state(request)).isEqualTo("failed");

            long revision = databaseRevision(db);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (TestNodes.Node node : cluster.nodes()) {
                    CatalogSnapshot snapshot = node.bean(CatalogReloader.class).snapshot();
                    assertThat(snapshot.revision()).as(node.id()).isEqualTo(revision);
                    assertThat(snapshot.rollouts()).as(node.id()).isEmpty();
                    assertThat(snapshot.view(inCohort).stable()).isTrue();
                    assertThat(timeoutOf(snapshot.view(inCohort).snapshot())).isEqualTo(1000);
                    Api.Reply read = new Api(node.port())
                            .get("/api/v1/tools/" + HELD)
                            .token(TestNodes.READER_TOKEN)
                            .header(ConsumerIdentity.ID_HEADER, inCohort.id())
                            .send();
                    assertThat(read.status()).isEqualTo(200);
                    assertThat(read.json()
                                    .path("profiles")
                                    .path("default")
                                    .path("timeout_ms")
                                    .asInt())
                            .isEqualTo(1000);
                    assertThat(read.json().path("version").asInt()).isEqualTo(1);
                }
            });
            try (Statement s = db.createStatement();
                    ResultSet abort = s.executeQuery("SELECT count(*), min(trigger), min(revision) FROM catalog_changes"
                            + " WHERE operation = 'rollout_abort' AND change_request_id = " + request)) {
                abort.next();
                assertThat(abort.getInt(1)).as("abort revisions").isEqualTo(1);
                assertThat(abort.getString(2)).isEqualTo("rollback");
                assertThat(abort.getLong(3)).isEqualTo(aborted.revision());
            }
        }
    }

    /** A consumer whose bucket puts it in the rollout's first step (50 %). */
    private static ConsumerIdentity inCohortOf(long rolloutId) {
        for (int i = 0; ; i++) {
            if (ActiveRollout.bucket(rolloutId, "af-consumer-" + i) < 5000) {
                return new ConsumerIdentity("af-consumer-" + i, Map.of());
            }
        }
    }

    private static int timeoutOf(CatalogSnapshot snapshot) {
        return snapshot.tool(HELD).orElseThrow().profiles().get("default").timeoutMs();
    }
}
