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
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventRendererTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final FrameCache cache = new FrameCache(4);
    private final EventRenderer renderer = new EventRenderer(mapper, new RenderedTools(mapper), cache);
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
        JsonNode json = mapper.readTree(
                typed(renderer.change(AppliedChange.change(5, 9, Set.of("grep", "gone"), change), snapshot)));
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
        JsonNode all = mapper.readTree(typed(renderer.snapshot(snapshot, null)));
        assertThat(all.path("revision").asLong()).isEqualTo(9);
        assertThat(all.path("tools").findValuesAsText("name")).containsExactly("find", "grep");
        JsonNode filtered = mapper.readTree(typed(renderer.snapshot(snapshot, Set.of("grep", "absent"))));
        assertThat(filtered.path("tools").findValuesAsText("name")).containsExactly("grep");
    }

    @Test
    void framesAnEventWithItsRevisionAsIdAndTypesItForTheLongPoll() throws Exception {
        EventBody body = renderer.snapshot(snapshot, null);
        String frame = written(FrameCursor.sse(body));
        assertThat(frame).startsWith("event: snapshot\nid: 9\ndata: {").endsWith("}\n\n");
        assertThat(frame.split("\n")).hasSize(3);
        assertThat(written(FrameCursor.raw(renderer.progress(9))))
                .isEqualTo("event: progress\ndata: {\"revision\":9}\n\n");
        JsonNode typed = mapper.readTree(typed(body));
        assertThat(typed.path("type").asText()).isEqualTo("snapshot");
        assertThat(typed.path("revision").asLong()).isEqualTo(9);
    }

    @Test
    void rendersAnEventOncePerRevisionAndFilterUntilTheNextReload() {
        AppliedChange reset = AppliedChange.resetAt(9);
        EventBody first = renderer.body(reset, snapshot, null);
        assertThat(renderer.body(reset, snapshot, null)).isSameAs(first);
        assertThat(renderer.body(reset, snapshot, Set.of("grep"))).isNotSameAs(first);
        assertThat(cache.renders()).isEqualTo(2);
        CatalogSnapshot sameRevisionNewContent =
                snapshot.apply(9, List.of(SubscriptionTest.tool("grep", 4, 9)), List.of());
        assertThat(renderer.body(reset, sameRevisionNewContent, null)).isNotSameAs(first);
        cache.clear();
        renderer.body(reset, snapshot, null);
        assertThat(cache.renders()).isEqualTo(4);
    }

    @Test
    void handsOutTheEventJustRenderedWhileAnotherSenderHoldsTheCache() throws Exception {
        AppliedChange reset = AppliedChange.resetAt(9);
        EventBody rendered = renderer.body(reset, snapshot, null);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (cache) { // a sender preempted while it holds the cache
                held.countDown();
                awaitQuietly(release);
            }
        });
        holder.start();
        try {
            held.await();
            CompletableFuture<EventBody> next =
                    CompletableFuture.supplyAsync(() -> renderer.body(reset, snapshot, null));

            assertThat(next.get(5, TimeUnit.SECONDS)).isSameAs(rendered);
        } finally {
            release.countDown();
            holder.join();
        }
        assertThat(cache.renders()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void writesAnEventASliceAtATimeAndKnowsWhichRowsItHasNotSentYet() throws Exception {
        FrameCursor cursor = FrameCursor.sse(renderer.snapshot(snapshot, null));
        long grep = cursor.unsentBytesOf("grep");
        assertThat(grep).isPositive();
        assertThat(cursor.unsentBytesOf("absent")).isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int slices = 0;
        while (!cursor.done()) {
            assertThat(cursor.writeTo(out, 16)).isBetween(0, 16);
            slices++;
        }
        assertThat(slices).isGreaterThanOrEqualTo(out.size() / 16);
        assertThat(cursor.unsentBytesOf("grep")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(written(FrameCursor.sse(cursor.body())));
    }

    private static String written(FrameCursor cursor) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cursor.writeAll(out, 1 << 16);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] typed(EventBody body) throws Exception {
        return written(FrameCursor.typed(body)).getBytes(StandardCharsets.UTF_8);
    }
}
