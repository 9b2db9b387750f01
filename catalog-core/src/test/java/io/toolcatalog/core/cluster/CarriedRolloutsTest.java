package io.toolcatalog.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A rollout's move carries the tools it holds as they stand and the rollouts active at its
 * revision; a receiver takes them only in the format that says so, validated like any carried row.
 */
class CarriedRolloutsTest {

    private static final ToolJson JSON = new ToolJson();

    private final ChangeMessageReader reader =
            new ChangeMessageReader(new ToolValidator(CatalogLimits.defaults(), JSON), JSON);

    /** Rollout 3 of change request 11, started at revision 9 at 25 % of region=eu: {@code grep} changed, {@code old} deleted. */
    private static final ActiveRollout ROLLOUT = new ActiveRollout(
            3, 11, false, 0, 25.0, Map.of("region", "eu"), Map.of("grep", Tools.tool("grep", 3, 8)), Set.of("old"), 9);

    /** Revision 9 starts {@link #ROLLOUT}: {@code grep}'s stable row (revision 5) and no row of {@code old}. */
    private static final RevisionRows START = move(9, "rollout_start", ROLLOUT);

    /** Revision 10 moves it to 50 %. */
    private static final RevisionRows STEP = move(
            10,
            "rollout_step",
            new ActiveRollout(
                    3, 11, false, 1, 50.0, ROLLOUT.cohortLabels(), ROLLOUT.candidates(), ROLLOUT.removed(), 10));

    private static RevisionRows move(long revision, String operation, ActiveRollout rollout) {
        CommittedChange change = new CommittedChange(
                revision,
                List.of("grep", "old"),
                operation,
                ReloadTrigger.ROLLOUT,
                "bob",
                "bob",
                "rollout 3",
                UUID.randomUUID(),
                "node-a",
                Instant.parse("2026-12-02T05:00:00Z"));
        return new RevisionRows(
                change, revision - 1, List.of(Tools.tool("grep", 2, 5)), List.of("old"), List.of(rollout));
    }

    private static ChangeMessage withRollout(UnaryOperator<CarriedRollout> edit) {
        ChangeMessage message = ChangeMessage.carrying(START);
        return withRollouts(message, message.rollouts().stream().map(edit).toList(), message.format());
    }

    private static ChangeMessage withRollouts(ChangeMessage m, List<CarriedRollout> rollouts, Integer format) {
        return EditedMessages.edited(m, m.committedAt(), m.fromRevision(), m.written(), format, rollouts);
    }

    private static CarriedRollout rollout(
            CarriedRollout r, double percent, Map<String, String> labels, List<CarriedTool> candidates) {
        return new CarriedRollout(
                r.id(),
                r.changeRequestId(),
                r.paused(),
                r.step(),
                percent,
                labels,
                r.revision(),
                candidates,
                r.removed());
    }

    private void assertRefused(ChangeMessage message, String field) {
        assertThatThrownBy(() -> reader.rows(message))
                .isInstanceOfSatisfying(
                        InvalidToolException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void theStartCarriesTheCandidatesAndReadsBackAsItWasWritten() {
        ChangeMessage message = ChangeMessage.carrying(START);

        assertThat(message.format()).isEqualTo(ChangeMessage.ROLLOUTS_FORMAT);
        assertThat(message.rollouts().get(0).candidates()).hasSize(1);
        RevisionRows read = reader.rows(message);

        assertThat(read).isEqualTo(START);
        assertThat(read.rollouts()
                        .get(0)
                        .candidates()
                        .get("grep")
                        .profiles()
                        .get("default")
                        .timeoutMs())
                .isEqualTo(1000);
    }

    @Test
    void aLaterMoveLeavesTheCandidatesToTheRolloutTheReceiverHolds() {
        ChangeMessage message = ChangeMessage.carrying(STEP);

        assertThat(message.rollouts().get(0).candidates()).isNull();
        assertThat(message.rollouts().get(0).removed()).isNull();
        assertThat(reader.rows(message, id -> id == 3 ? ROLLOUT : null)).isEqualTo(STEP);
        assertThat(reader.rows(message))
                .as("a node that does not hold rollout 3 catches up")
                .isNull();
    }

    @Test
    void refusesAHeldRolloutOfAnotherChangeRequest() {
        ActiveRollout other =
                new ActiveRollout(3, 12, false, 0, 25.0, Map.of(), ROLLOUT.candidates(), ROLLOUT.removed(), 9);

        assertThatThrownBy(() -> reader.rows(ChangeMessage.carrying(STEP), id -> other))
                .isInstanceOfSatisfying(InvalidToolException.class, e -> assertThat(e.field())
                        .isEqualTo("rollouts[0].change_request_id"));
    }

    @Test
    void aPlainChangeStillCarriesNoRolloutsAndOnlyRowsOfItsOwnRevision() {
        RevisionRows plain = new RevisionRows(START.change(), 8, List.of(Tools.tool("grep", 2, 5)), List.of());
        ChangeMessage message = ChangeMessage.carrying(plain);

        assertThat(message.format()).isEqualTo(ChangeMessage.CARRYING_FORMAT);
        assertThat(message.rollouts()).isNull();
        assertRefused(message, "written[0].revision");
    }

    @Test
    void rolloutsInAnotherFormatOrAMoveFormatWithoutThemAreOnlyADoorbell() {
        ChangeMessage message = ChangeMessage.carrying(START);

        assertThat(reader.rows(withRollouts(message, message.rollouts(), ChangeMessage.CARRYING_FORMAT)))
                .isNull();
        assertThat(reader.rows(withRollouts(message, null, ChangeMessage.ROLLOUTS_FORMAT)))
                .isNull();
        assertThat(reader.rows(message.withoutRows())).isNull();
        assertThat(message.withoutRows().rollouts()).isNull();
    }

    @Test
    void refusesAPercentOutsideZeroToAHundred() {
        assertRefused(withRollout(r -> rollout(r, 150, r.labels(), r.candidates())), "rollouts[0].percent");
        assertRefused(withRollout(r -> rollout(r, Double.NaN, r.labels(), r.candidates())), "rollouts[0].percent");
    }

    @Test
    void refusesLabelsACohortCouldNotSelectOn() {
        assertRefused(withRollout(r -> rollout(r, 25, Map.of("Region!", "eu"), r.candidates())), "rollouts[0].labels");
    }

    @Test
    void refusesACandidateThatIsNotAToolAWriteCouldMake() {
        Tool later = Tools.tool("grep", 3, 10);
        assertRefused(
                withRollout(r -> rollout(r, 25, r.labels(), List.of(CarriedTool.of(later, JSON)))),
                "rollouts[0].candidates[0].revision");
        CarriedTool bad = EditedMessages.withField(
                CarriedTool.of(Tools.from(later).revision(8).build(), JSON),
                "profiles",
                "{\"default\": {\"timeout_ms\": \"soon\"}}");
        assertRefused(withRollout(r -> rollout(r, 25, r.labels(), List.of(bad))), "rollouts[0].candidates[0].profiles");
    }

    @Test
    void refusesTheSameRolloutTwiceAndANameBothChangedAndRemoved() {
        ChangeMessage message = ChangeMessage.carrying(START);
        CarriedRollout r = message.rollouts().get(0);
        assertRefused(withRollouts(message, List.of(r, r), ChangeMessage.ROLLOUTS_FORMAT), "rollouts[1].id");
        CarriedRollout both = new CarriedRollout(
                r.id(), r.changeRequestId(), false, 1, 25, Map.of(), 8, r.candidates(), List.of("grep"));
        assertRefused(withRollouts(message, List.of(both), ChangeMessage.ROLLOUTS_FORMAT), "rollouts[0].removed[0]");
    }
}
