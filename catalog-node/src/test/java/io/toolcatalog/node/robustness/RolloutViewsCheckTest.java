package io.toolcatalog.node.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import io.toolcatalog.node.robustness.RolloutHistory.RolloutRow;
import io.toolcatalog.node.robustness.RolloutHistory.StateRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The rollout checks on a hand-made history: t1 and t2 created at revisions 1 and 2; a rollout
 * (cohort region=eu) started at 3 at 30 %, stepped at 4 to 80 %, aborted at 5; its candidate
 * changes t1 and deletes t2. The rollout's id is chosen so that svc-eu-a is in from 30 % and
 * svc-eu-b only from 80 %.
 */
class RolloutViewsCheckTest {

    static final ObjectNode T1 = HistoryChecksTest.tool("t1", 1, 1, "stable", true);
    static final ObjectNode T2 = HistoryChecksTest.tool("t2", 1, 2, "other", true);
    static final ObjectNode T1_CANDIDATE = HistoryChecksTest.tool("t1", 2, 3, "candidate", true);
    static final int EU_A = 0;
    static final int EU_B = 1;
    static final int US_A = 2;
    static final int ANONYMOUS = ViewSampler.CONSUMERS.size() - 1;

    private final long id = rolloutId();
    private final DatabaseHistory history = DatabaseHistory.of(
            5,
            List.of(new VersionRow("t1", 1, 1, "create", T1), new VersionRow("t2", 1, 2, "create", T2)),
            new TreeMap<>(Map.of(
                    1L, new LoggedChange(1, List.of("t1"), "create"),
                    2L, new LoggedChange(2, List.of("t2"), "create"),
                    3L, new LoggedChange(3, List.of("t1", "t2"), "rollout_start"),
                    4L, new LoggedChange(4, List.of("t1", "t2"), "rollout_step"),
                    5L, new LoggedChange(5, List.of("t1", "t2"), "rollout_abort"))));
    private final RolloutHistory rollouts = rollouts(30, 80);

    /** The first id at which svc-eu-a's bucket is below 30 % and svc-eu-b's between 30 and 80 %. */
    private static long rolloutId() {
        for (long id = 1; ; id++) {
            if (RolloutHistory.bucket(id, "svc-eu-a") < 3000
                    && RolloutHistory.bucket(id, "svc-eu-b") >= 3000
                    && RolloutHistory.bucket(id, "svc-eu-b") < 8000) {
                return id;
            }
        }
    }

    private RolloutHistory rollouts(double first, double second) {
        Map<String, JsonNode> candidates = new HashMap<>();
        candidates.put("t1", T1_CANDIDATE);
        candidates.put("t2", null);
        return new RolloutHistory(
                Map.of(id, new RolloutRow(id, Map.of("region", "eu"), candidates)),
                List.of(
                        new StateRow(id, 3, "running", 0, first),
                        new StateRow(id, 4, "running", 1, second),
                        new StateRow(id, 5, "aborted", 1, second)));
    }

    @Test
    void theBucketIsTheContractsAndTheNodesAlike() {
        for (long rollout : new long[] {1, 2, 3, 17, 4_000_000_000L}) {
            for (String consumer : List.of("svc-eu-a", "batch-7", "pipeline/42@ci", "ü", "")) {
                int bucket = RolloutHistory.bucket(rollout, consumer);
                assertThat(bucket).isBetween(0, 9999).isEqualTo(ActiveRollout.bucket(rollout, consumer));
            }
        }
    }

    @Test
    void aConsumerSeesTheCandidatesOnlyWhileInTheCohortOfAnActiveRollout() {
        assertThat(expected(EU_A, 2).name()).isEqualTo("stable");
        RolloutHistory.ExpectedView started = expected(EU_A, 3);
        assertThat(started.name()).isEqualTo("rollout=" + id);
        assertThat(started.rollouts()).containsExactly(id);
        assertThat(started.tools()).containsOnlyKeys("t1");
        assertThat(started.tools().get("t1").get(0).document()).isEqualTo(T1_CANDIDATE);
        assertThat(expected(EU_B, 3).name()).isEqualTo("stable");
        assertThat(expected(EU_B, 4).name()).isEqualTo("rollout=" + id);
        assertThat(expected(EU_A, 5).name()).as("aborted").isEqualTo("stable");
        assertThat(expected(EU_A, 5).tools()).containsOnlyKeys("t1", "t2");
        assertThat(expected(US_A, 4).name()).as("labels do not match").isEqualTo("stable");
        assertThat(expected(ANONYMOUS, 4).name()).isEqualTo("stable");
    }

    @Test
    void passesTheViewsTheDatabasePrescribesAndFlagsAStableViewServedToTheCohort() {
        List<ViewSampler.Sample> right = List.of(
                sample(EU_A, 3, "rollout=" + id, List.of(id), Map.of("t1", T1_CANDIDATE)),
                sample(EU_B, 3, "stable", List.of(), Map.of("t1", T1, "t2", T2)),
                sample(EU_B, 4, "rollout=" + id, List.of(id), Map.of("t1", T1_CANDIDATE)),
                sample(EU_A, 5, "stable", List.of(), Map.of("t1", T1, "t2", T2)));
        assertThat(RolloutViewsCheck.check(right, List.of(), history, rollouts)).isEmpty();

        List<ViewSampler.Sample> wrong = List.of(
                sample(EU_B, 4, "stable", List.of(), Map.of("t1", T1, "t2", T2)),
                sample(US_A, 4, "stable", List.of(), Map.of("t1", T1_CANDIDATE, "t2", T2)));
        assertThat(RolloutViewsCheck.check(wrong, List.of(), history, rollouts))
                .extracting(Violation::property)
                .containsExactly(RolloutViewsCheck.VIEWS, RolloutViewsCheck.VIEWS);
    }

    @Test
    void flagsAConsumerServedOutOfTheCohortItWasIn() {
        List<ViewSampler.Sample> left = List.of(
                sample(EU_A, 3, "rollout=" + id, List.of(id), Map.of("t1", T1_CANDIDATE)),
                sample(EU_A, 4, "stable", List.of(), Map.of("t1", T1, "t2", T2)));
        assertThat(RolloutViewsCheck.check(left, List.of(), history, rollouts))
                .extracting(Violation::property)
                .contains(RolloutViewsCheck.STICKY, RolloutViewsCheck.VIEWS);
    }

    @Test
    void flagsAStepThatLowersThePercentAndLeavesACohortMember() {
        assertThat(RolloutViewsCheck.check(List.of(), List.of(), history, rollouts(80, 30)))
                .extracting(Violation::property)
                .contains(RolloutViewsCheck.STEPS, RolloutViewsCheck.STICKY);
    }

    @Test
    void flagsARolloutRevisionThatNamesOtherToolsAndAnAcknowledgedMoveNotInTheHistory() {
        DatabaseHistory renamed = DatabaseHistory.of(
                5,
                List.of(new VersionRow("t1", 1, 1, "create", T1), new VersionRow("t2", 1, 2, "create", T2)),
                new TreeMap<>(Map.of(
                        1L, new LoggedChange(1, List.of("t1"), "create"),
                        2L, new LoggedChange(2, List.of("t2"), "create"),
                        3L, new LoggedChange(3, List.of("t1"), "rollout_start"),
                        4L, new LoggedChange(4, List.of("t1", "t2"), "rollout_step"),
                        5L, new LoggedChange(5, List.of("t1", "t2"), "rollout_abort"))));
        List<RolloutOperator.OperatorOutcome> moves = List.of(
                new RolloutOperator.OperatorOutcome(RolloutOperator.Move.PAUSE, id, 1, "ok", null, 4L, "paused", 1));
        assertThat(RolloutViewsCheck.check(List.of(), moves, renamed, rollouts))
                .extracting(Violation::property)
                .containsExactlyInAnyOrder(RolloutViewsCheck.CHANGE_LOG, RolloutViewsCheck.ACKNOWLEDGED);
    }

    @Test
    void passesConsumerReadsOfTheirViewAndFlagsAStableAnswerToACohortMember() {
        String view = "rollout=" + id;
        ObjectNode list =
                ToolDocuments.JSON.createObjectNode().put("revision", 3).put("total", 1);
        list.putArray("tools").add(T1_CANDIDATE);
        List<ConsumerReader.Read> right = List.of(
                new ConsumerReader.Read(EU_B, "n1", "t1", 40, 200, 4L, view, T1_CANDIDATE.toString()),
                new ConsumerReader.Read(EU_A, "n2", "t2", 30, 404, 3L, view, "{}"),
                new ConsumerReader.Read(EU_A, "n3", null, 30, 200, 3L, view, list.toString()),
                new ConsumerReader.Read(ANONYMOUS, "n3", "t2", 30, 200, 4L, "stable", T2.toString()));
        assertThat(ConsumerReadsCheck.check(right, history, rollouts)).isEmpty();

        List<ConsumerReader.Read> wrong = List.of(
                new ConsumerReader.Read(EU_B, "n1", "t1", 40, 200, 4L, "stable", T1.toString()),
                new ConsumerReader.Read(EU_B, "n1", "t1", 40, 200, 4L, view, T1.toString()),
                new ConsumerReader.Read(EU_A, "n1", "t2", 30, 200, 3L, view, T2.toString()));
        assertThat(ConsumerReadsCheck.check(wrong, history, rollouts)).hasSize(3);
    }

    private RolloutHistory.ExpectedView expected(int consumer, long revision) {
        ConsumerIdentity who = ViewSampler.CONSUMERS.get(consumer);
        return rollouts.viewAt(revision, who.id(), who.labels(), history.choicesAt(revision));
    }

    private static ViewSampler.Sample sample(
            int consumer, long revision, String view, List<Long> ids, Map<String, ObjectNode> tools) {
        Map<String, JsonNode> shown = new TreeMap<>();
        tools.forEach((name, tool) -> shown.put(name, ToolDocuments.normalize(tool)));
        return new ViewSampler.Sample(consumer, revision * 10.0, revision, view, ids, shown);
    }
}
