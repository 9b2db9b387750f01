package io.toolcatalog.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Carried rows are input: validated as a write is before any node applies them. */
class ChangeMessageReaderTest {

    private static final Instant COMMITTED = Instant.parse("2026-11-28T09:00:00Z");

    private final ChangeMessageReader reader =
            new ChangeMessageReader(new ToolValidator(CatalogLimits.defaults(), new ToolJson()), new ToolJson());

    private static ChangeMessage carrying(long revision, String... names) {
        CommittedChange change = new CommittedChange(
                revision,
                List.of(names),
                "update",
                ReloadTrigger.API_UPDATE,
                "alice",
                null,
                "why",
                UUID.randomUUID(),
                "node-a",
                COMMITTED);
        return ChangeMessage.carrying(new RevisionRows(
                change,
                revision - 1,
                List.of(names).stream().map(n -> Tools.tool(n, 2, revision)).toList(),
                List.of()));
    }

    private static ChangeMessage withRow(ChangeMessage message, UnaryOperator<CarriedTool> edit) {
        return rebuilt(
                message,
                message.committedAt(),
                message.fromRevision(),
                message.written().stream().map(edit).toList());
    }

    private static CarriedTool profiles(CarriedTool row, String text) {
        return EditedMessages.withField(row, "profiles", text);
    }

    private void assertRefused(ChangeMessage message, String field) {
        assertThatThrownBy(() -> reader.rows(message))
                .isInstanceOfSatisfying(
                        InvalidToolException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void readsValidRowsWithTheirProfilesParsed() {
        RevisionRows rows = reader.rows(carrying(8, "grep"));

        assertThat(rows.revision()).isEqualTo(8);
        assertThat(rows.fromRevision()).isEqualTo(7);
        assertThat(rows.changed()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("grep");
            assertThat(t.profiles().get("default").timeoutMs()).isEqualTo(1000);
        });
    }

    @Test
    void aDoorbellHasNoRows() {
        assertThat(reader.rows(carrying(8, "grep").withoutRows())).isNull();
    }

    @Test
    void refusesProfilesThatDoNotParse() {
        assertRefused(
                withRow(carrying(8, "grep"), r -> profiles(r, "{\"default\": {\"timeout_ms\": \"soon\"}}")),
                "written[0].profiles");
    }

    @Test
    void refusesProfilesOverTheLimitsAWriteHas() {
        assertRefused(
                withRow(carrying(8, "grep"), r -> profiles(r, "{\"default\": {\"timeout_ms\": 99999999}}")),
                "written[0].profiles.default.timeout_ms");
    }

    @Test
    void refusesANameAWriteCouldNotHave() {
        ChangeMessage message = carrying(8, "grep");
        assertRefused(withRow(message, r -> EditedMessages.withField(r, "name", "../Etc")), "written[0].name");
    }

    @Test
    void refusesARowOfAnotherRevision() {
        ChangeMessage message = carrying(8, "grep");
        assertRefused(withRow(message, r -> EditedMessages.withField(r, "revision", 1_000_000)), "written[0].revision");
    }

    @Test
    void refusesARowWithAFieldOfAnotherKindNamingTheField() {
        assertRefused(
                withRow(carrying(8, "grep"), r -> EditedMessages.withField(r, "version", "three")),
                "written[0].version");
        assertRefused(
                withRow(carrying(8, "grep"), r -> EditedMessages.withField(r, "tags", Arrays.asList("a", null))),
                "written[0].tags");
    }

    @Test
    void aRowWithoutAFieldThisBuildKnowsMakesTheMessageADoorbell() {
        ChangeMessage fromAnOlderBuild =
                withRow(carrying(8, "grep"), r -> EditedMessages.withoutField(r, "output_schema"));

        assertThat(reader.rows(carrying(8, "grep"))).isNotNull();
        assertThat(reader.rows(fromAnOlderBuild)).isNull();
    }

    @Test
    void refusesAMessageWithoutItsCommitTime() {
        assertRefused(identity(carrying(8, "grep"), null, 7L), "committed_at");
    }

    @Test
    void refusesRowsThatDoNotFollowTheRevisionBefore() {
        assertRefused(identity(carrying(8, "grep"), COMMITTED, 5L), "from_revision");
    }

    /** {@code message} with another commit time and from-revision. */
    private static ChangeMessage identity(ChangeMessage message, Instant committedAt, Long fromRevision) {
        return rebuilt(message, committedAt, fromRevision, message.written());
    }

    private static ChangeMessage rebuilt(
            ChangeMessage message, Instant committedAt, Long fromRevision, List<CarriedTool> written) {
        return EditedMessages.edited(message, committedAt, fromRevision, written, message.format(), message.rollouts());
    }
}
