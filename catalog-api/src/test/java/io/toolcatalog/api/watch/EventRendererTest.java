package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRendererTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EventRenderer renderer = new EventRenderer(mapper, new RenderedTools(mapper));
    private final CatalogSnapshot snapshot =
            CatalogSnapshot.of(9, List.of(SubscriptionTest.tool("grep", 3, 9), SubscriptionTest.tool("find", 1, 2)));

    @Test
    void aChangeCarriesTheRowsOfItsNamesAtItsRevisionAndWhatIsGone() throws Exception {
        UUID reloadId = UUID.randomUUID();
        CommittedChange change = new CommittedChange(
                9,
                List.of(),
                "update",
                ReloadTrigger.API_UPDATE,
                "t",
                "t",
                "r",
                reloadId,
                "node-1",
                Instant.parse("2026-01-01T00:00:00Z"));
        JsonNode json = mapper.readTree(renderer.change(5, snapshot, Set.of("grep", "gone"), change));
        assertThat(json.path("from_revision").asLong()).isEqualTo(5);
        assertThat(json.path("revision").asLong()).isEqualTo(9);
        assertThat(json.path("changed")).hasSize(1);
        assertThat(json.path("changed").get(0).path("name").asText()).isEqualTo("grep");
        assertThat(json.path("changed").get(0).path("version").asInt()).isEqualTo(3);
        assertThat(json.path("changed").get(0).has("created_at")).isTrue();
        assertThat(json.path("removed").get(0).asText()).isEqualTo("gone");
        assertThat(json.path("operation").asText()).isEqualTo("update");
        assertThat(json.path("reload_id").asText()).isEqualTo(reloadId.toString());
        assertThat(json.path("committed_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aSnapshotHoldsEveryToolOrTheFilteredOnes() throws Exception {
        JsonNode all = mapper.readTree(renderer.snapshot(snapshot, null));
        assertThat(all.path("revision").asLong()).isEqualTo(9);
        assertThat(all.path("tools").findValuesAsText("name")).containsExactly("find", "grep");
        JsonNode filtered = mapper.readTree(renderer.snapshot(snapshot, Set.of("grep", "absent")));
        assertThat(filtered.path("tools").findValuesAsText("name")).containsExactly("grep");
    }

    @Test
    void framesAnEventWithItsRevisionAsIdAndTypesItForTheLongPoll() throws Exception {
        byte[] json = renderer.snapshot(snapshot, null);
        String frame = new String(renderer.sse("snapshot", 9, json), StandardCharsets.UTF_8);
        assertThat(frame).startsWith("event: snapshot\nid: 9\ndata: {").endsWith("}\n\n");
        assertThat(frame.split("\n")).hasSize(3);
        assertThat(new String(renderer.progress(9), StandardCharsets.UTF_8))
                .isEqualTo("event: progress\ndata: {\"revision\":9}\n\n");
        JsonNode typed = mapper.readTree(renderer.typed("snapshot", json));
        assertThat(typed.path("type").asText()).isEqualTo("snapshot");
        assertThat(typed.path("revision").asLong()).isEqualTo(9);
    }
}
