package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ChangeMessageReader;
import io.toolcatalog.core.cohort.ActiveRollout;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The carried rows on the wire, as the build before this one wrote them (the literals were written
 * by it, when a carried row still listed its columns): this build reads them to the same rows and
 * writes the same rows to the same bytes, so nodes of both builds keep applying each other's rows.
 */
class CarriedRowsWireFormatTest {

    /** Format 3: a row with a null category, schema and author, profiles as PostgreSQL prints them. */
    private static final String FORMAT_3 =
            "{\"revision\":42,\"tools\":[\"grep\",\"gone\"],\"operation\":\"update\",\"trigger\":\"api_update\","
                    + "\"origin_node\":\"node-1\",\"triggered_by\":\"alice\",\"reason\":\"why\","
                    + "\"reload_id\":\"00000000-0000-0000-0000-00000000002a\","
                    + "\"committed_at\":\"2025-01-02T03:04:05.500Z\",\"principal\":\"editor\",\"format\":3,"
                    + "\"from_revision\":41,\"written\":[{\"name\":\"grep\",\"description\":\"Search \\\"text\\\" – fast\","
                    + "\"category\":null,\"tags\":[\"text\",\"unix\"],\"enabled\":false,"
                    + "\"profiles\":\"{\\\"default\\\": {\\\"timeout_ms\\\": 5000, \\\"cost_weight\\\": 0.2, \\\"parameters\\\": {\\\"flags\\\": \\\"-n\\\"}}}\","
                    + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}},"
                    + "\"output_schema\":null,\"version\":3,\"revision\":42,"
                    + "\"created_at\":\"2025-01-02T03:03:05.123456Z\",\"created_by\":\"alice\","
                    + "\"updated_at\":\"2025-01-02T03:04:05Z\",\"updated_by\":null}],\"removed\":[\"gone\"],"
                    + "\"published_at\":1735787045600000}";

    /** Format 4: a rollout's start, with its candidate. */
    private static final String FORMAT_4 =
            "{\"revision\":42,\"tools\":[\"grep\",\"old\"],\"operation\":\"rollout_start\","
                    + "\"trigger\":\"rollout\",\"origin_node\":\"node-2\",\"triggered_by\":\"bob\",\"reason\":\"rollout 3\","
                    + "\"reload_id\":\"00000000-0000-0000-0000-00000000002b\","
                    + "\"committed_at\":\"2025-01-02T03:04:05.500Z\",\"principal\":\"bob\",\"format\":4,"
                    + "\"from_revision\":41,\"written\":[{\"name\":\"grep\",\"description\":\"Search \\\"text\\\" – fast\","
                    + "\"category\":null,\"tags\":[\"text\",\"unix\"],\"enabled\":false,"
                    + "\"profiles\":\"{\\\"default\\\": {\\\"timeout_ms\\\": 5000, \\\"cost_weight\\\": 0.2, \\\"parameters\\\": {\\\"flags\\\": \\\"-n\\\"}}}\","
                    + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}},"
                    + "\"output_schema\":null,\"version\":3,\"revision\":42,"
                    + "\"created_at\":\"2025-01-02T03:03:05.123456Z\",\"created_by\":\"alice\","
                    + "\"updated_at\":\"2025-01-02T03:04:05Z\",\"updated_by\":null}],\"removed\":[\"old\"],"
                    + "\"change_request_id\":11,\"rollouts\":[{\"id\":3,\"change_request_id\":11,\"paused\":false,"
                    + "\"step\":0,\"percent\":25.0,\"labels\":{\"region\":\"eu\"},\"revision\":42,"
                    + "\"candidates\":[{\"name\":\"grep\",\"description\":\"Search v4\",\"category\":\"search\",\"tags\":[],"
                    + "\"enabled\":true,\"profiles\":\"{}\",\"input_schema\":null,\"output_schema\":{\"type\":\"string\"},"
                    + "\"version\":4,\"revision\":42,\"created_at\":\"2025-01-02T03:03:05.123456Z\","
                    + "\"created_by\":\"alice\",\"updated_at\":\"2025-01-02T03:04:05Z\",\"updated_by\":\"carol\"}],"
                    + "\"removed\":[\"old\"]}]}";

    private static final ToolJson TOOL_JSON = new ToolJson();
    private static final Instant CREATED = Instant.parse("2025-01-02T03:03:05.123456Z");
    private static final Instant UPDATED = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant COMMITTED = Instant.parse("2025-01-02T03:04:05.500Z");

    private final ClusterJson json = new ClusterJson();
    private final ChangeMessageReader reader =
            new ChangeMessageReader(new ToolValidator(CatalogLimits.defaults(), TOOL_JSON), TOOL_JSON);

    private static Tool grep() {
        return Tools.named("grep")
                .description("Search \"text\" – fast")
                .category(null)
                .tags(List.of("text", "unix"))
                .enabled(false)
                .profiles(
                        TOOL_JSON.storedProfiles(
                                "{\"default\": {\"timeout_ms\": 5000, \"cost_weight\": 0.2, \"parameters\": {\"flags\": \"-n\"}}}"))
                .inputSchema(document("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}"))
                .version(3)
                .revision(42)
                .created(CREATED, "alice")
                .updated(UPDATED, null)
                .build();
    }

    private static Tool candidate() {
        return Tools.named("grep")
                .description("Search v4")
                .category("search")
                .tags(List.of())
                .profiles(TOOL_JSON.storedProfiles("{}"))
                .outputSchema(document("{\"type\":\"string\"}"))
                .version(4)
                .revision(42)
                .created(CREATED, "alice")
                .updated(UPDATED, "carol")
                .build();
    }

    private static RevisionRows update() {
        CommittedChange change =
                change(List.of("grep", "gone"), "update", ReloadTrigger.API_UPDATE, "alice", "editor", "why");
        return new RevisionRows(change, 41, List.of(grep()), List.of("gone"));
    }

    private static RevisionRows rolloutStart() {
        CommittedChange change =
                change(List.of("grep", "old"), "rollout_start", ReloadTrigger.ROLLOUT, "bob", "bob", "rollout 3");
        ActiveRollout rollout = new ActiveRollout(
                3, 11, false, 0, 25.0, Map.of("region", "eu"), Map.of("grep", candidate()), Set.of("old"), 42);
        return new RevisionRows(change, 41, List.of(grep()), List.of("old"), List.of(rollout));
    }

    /** The change at revision 42 as the captured messages name it: a rollout's start came from node-2, for request 11. */
    private static CommittedChange change(
            List<String> names, String operation, ReloadTrigger trigger, String by, String principal, String reason) {
        boolean rollout = trigger == ReloadTrigger.ROLLOUT;
        return new CommittedChange(
                42,
                names,
                operation,
                trigger,
                by,
                principal,
                reason,
                UUID.fromString(
                        rollout ? "00000000-0000-0000-0000-00000000002b" : "00000000-0000-0000-0000-00000000002a"),
                rollout ? "node-2" : "node-1",
                COMMITTED,
                rollout ? 11L : null);
    }

    private static com.fasterxml.jackson.databind.JsonNode document(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Nested
    class Format3 {

        @Test
        void readsTheRowsTheBuildBeforeWrote() {
            RevisionRows read = reader.rows(json.read(FORMAT_3, ChangeMessage.class));

            assertThat(read).isEqualTo(update());
            assertThat(read.changed().get(0)).isEqualTo(grep());
        }

        @Test
        void writesTheBytesTheBuildBeforeWrote() {
            ChangeMessage message = ChangeMessage.carrying(update()).withPublishedAt(1_735_787_045_600_000L);

            assertThat(json.write(message)).isEqualTo(FORMAT_3);
        }
    }

    @Nested
    class Format4 {

        @Test
        void readsTheRowsAndTheRolloutTheBuildBeforeWrote() {
            RevisionRows read = reader.rows(json.read(FORMAT_4, ChangeMessage.class));

            assertThat(read).isEqualTo(rolloutStart());
            assertThat(read.rollouts().get(0).candidates().get("grep")).isEqualTo(candidate());
        }

        @Test
        void writesTheBytesTheBuildBeforeWrote() {
            assertThat(json.write(ChangeMessage.carrying(rolloutStart()))).isEqualTo(FORMAT_4);
        }
    }
}
