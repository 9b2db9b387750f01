package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ChangeMessageReader;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {

    private final ClusterJson json = new ClusterJson();
    private final ChangeMessageReader rows =
            new ChangeMessageReader(new ToolValidator(CatalogLimits.defaults(), new ToolJson()), new ToolJson());
    private final Instant committed = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void writesTheDoorbellInSnakeCaseAndReadsItBack() {
        ChangeMessage message = new ChangeMessage(
                42,
                List.of("grep"),
                "update",
                ReloadTrigger.API_UPDATE,
                "node-1",
                "alice",
                "why",
                UUID.randomUUID(),
                committed,
                "editor",
                ChangeMessage.CARRYING_FORMAT,
                null,
                null,
                null,
                1_735_787_045_125_000L,
                null,
                null);

        String text = json.write(message);

        assertThat(text)
                .contains("\"revision\":42", "\"origin_node\":\"node-1\"", "\"trigger\":\"api_update\"")
                .contains("\"published_at\":1735787045125000")
                .contains("\"committed_at\":\"2025-01-02T03:04:05.123456Z\"", "\"reload_id\"", "\"triggered_by\"");
        assertThat(json.read(text, ChangeMessage.class)).isEqualTo(message);
    }

    @Test
    void readsAMessageWithFieldsItDoesNotKnow() {
        String text = "{\"revision\":7,\"origin_node\":\"n\",\"trigger\":\"manual\",\"added_later\":true}";

        ChangeMessage message = json.read(text, ChangeMessage.class);

        assertThat(message.revision()).isEqualTo(7);
        assertThat(message.trigger()).isEqualTo(ReloadTrigger.MANUAL);
    }

    @Test
    void carriesTheRowsOfARevisionAndReadsThemBackEqual() {
        Tool grep = Tools.named("grep")
                .description("Search text")
                .category("search")
                .tags(List.of("text"))
                .profiles(Map.of(
                        "default",
                        new Profile(
                                5000,
                                2,
                                0.2,
                                0.5,
                                0.3,
                                Map.of("flags", "-n", "depth", 3, "ratio", 0.1, "nested", Map.of("a", List.of(1, 2))))))
                .version(3)
                .revision(42)
                .created(committed.minusSeconds(60), "alice")
                .updated(committed, "bob")
                .build();
        RevisionRows carried = new RevisionRows(change(42, "grep", "gone"), 41, List.of(grep), List.of("gone"));

        String text = json.write(ChangeMessage.carrying(carried));

        assertThat(text)
                .contains("\"format\":3", "\"from_revision\":41", "\"removed\":[\"gone\"]", "\"written\":[{")
                .contains("\"profiles\":\"{")
                .doesNotContain("\"v\":", "\"changed\":");
        RevisionRows read = rows.rows(json.read(text, ChangeMessage.class));
        assertThat(read).isEqualTo(carried);
        assertThat(read.changed().get(0)).isEqualTo(grep);
    }

    @Test
    void treatsAMessageOfAnotherFormatOrWithoutRowsAsADoorbell() {
        String previousBuild =
                "{\"revision\":7,\"tools\":[\"grep\"],\"operation\":\"update\",\"trigger\":\"api_update\","
                        + "\"origin_node\":\"n\",\"triggered_by\":\"a\",\"reason\":\"r\",\"reload_id\":\""
                        + UUID.randomUUID()
                        + "\",\"committed_at\":\"2025-01-02T03:04:05Z\",\"v\":2,\"from_revision\":6,\"changed\":[],"
                        + "\"removed\":[\"grep\"]}";
        String newer = "{\"format\":5,\"revision\":7,\"from_revision\":6,\"written\":[],\"removed\":[\"grep\"]}";
        String bell =
                json.write(ChangeMessage.carrying(new RevisionRows(change(7, "grep"), 6, List.of(), List.of("grep")))
                        .withoutRows());

        assertThat(rows.rows(json.read(previousBuild, ChangeMessage.class))).isNull();
        assertThat(json.read(previousBuild, ChangeMessage.class).revision()).isEqualTo(7);
        assertThat(rows.rows(json.read(newer, ChangeMessage.class))).isNull();
        assertThat(bell).doesNotContain("from_revision", "written", "removed").contains("\"format\":3");
        assertThat(rows.rows(json.read(bell, ChangeMessage.class))).isNull();
    }

    private CommittedChange change(long revision, String... names) {
        return new CommittedChange(
                revision,
                List.of(names),
                "update",
                ReloadTrigger.API_UPDATE,
                "alice",
                "editor",
                "why",
                UUID.randomUUID(),
                "node-1",
                committed);
    }

    @Test
    void roundTripsAReloadRequest() {
        ReloadRequest request =
                new ReloadRequest(ReloadTrigger.WEBHOOK, "grep", "ci", "admin", "deploy", UUID.randomUUID(), "node-2");

        assertThat(json.read(json.write(request), ReloadRequest.class)).isEqualTo(request);
    }

    @Test
    void roundTripsEveryFieldOfAReloadEvent() {
        ReloadEvent event = new ReloadEvent(
                ReloadTrigger.API_UPDATE,
                null,
                "bob",
                "reason",
                committed,
                false,
                "boom",
                1.25,
                "node-3",
                "node-1",
                UUID.randomUUID(),
                10,
                11,
                ReloadKind.PARTIAL,
                1,
                0.75,
                "editor",
                null);

        String text = json.write(event);

        assertThat(text).contains("\"tool_name\":null", "\"kind\":\"partial\"", "\"propagation_ms\":0.75");
        assertThat(json.read(text, ReloadEvent.class)).isEqualTo(event);
    }

    @Test
    void roundTripsAHeartbeat() {
        Heartbeat beat = new Heartbeat("node-1", "http://h:1", committed, 5, "abc", committed.plusSeconds(1));

        assertThat(json.write(beat)).contains("\"applied_revision\":5", "\"last_seen\"", "\"started_at\"");
        assertThat(json.read(json.write(beat), Heartbeat.class)).isEqualTo(beat);
    }
}
