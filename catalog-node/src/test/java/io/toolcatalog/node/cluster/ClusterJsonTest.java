package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.cluster.CatalogChanged;
import io.toolcatalog.core.reload.ReloadEvent;
import io.toolcatalog.core.reload.ReloadKind;
import io.toolcatalog.core.reload.ReloadRequest;
import io.toolcatalog.core.reload.ReloadTrigger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {

    private final ClusterJson json = new ClusterJson();
    private final Instant committed = Instant.parse("2025-01-02T03:04:05.123456Z");

    @Test
    void writesTheDoorbellInSnakeCaseAndReadsItBack() {
        CatalogChanged message = new CatalogChanged(
                42,
                List.of("grep"),
                "update",
                ReloadTrigger.API_UPDATE,
                "node-1",
                "alice",
                "why",
                UUID.randomUUID(),
                committed);

        String text = json.write(message);

        assertThat(text)
                .contains("\"revision\":42", "\"origin_node\":\"node-1\"", "\"trigger\":\"api_update\"")
                .contains("\"committed_at\":\"2025-01-02T03:04:05.123456Z\"", "\"reload_id\"", "\"triggered_by\"");
        assertThat(json.read(text, CatalogChanged.class)).isEqualTo(message);
    }

    @Test
    void readsAMessageWithFieldsItDoesNotKnow() {
        String text = "{\"revision\":7,\"origin_node\":\"n\",\"trigger\":\"manual\",\"added_later\":true}";

        CatalogChanged message = json.read(text, CatalogChanged.class);

        assertThat(message.revision()).isEqualTo(7);
        assertThat(message.trigger()).isEqualTo(ReloadTrigger.MANUAL);
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
                "editor");

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
