package io.toolcatalog.api.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Profile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RenderedExportTest {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final RenderedExport export = new RenderedExport(
            mapper(new ObjectMapper()), mapper(new ObjectMapper(new YAMLFactory())), Clock.fixed(T0, ZoneOffset.UTC));

    private static ObjectMapper mapper(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    private static CatalogSnapshot at(long revision, String... names) {
        return CatalogSnapshot.of(
                revision,
                java.util.Arrays.stream(names)
                        .map(name -> Tools.named(name)
                                .description("d")
                                .category("c")
                                .tags(List.of())
                                .profiles(Map.of("default", new Profile(1000, 1, 0.1, 0.2, 0.7, Map.of())))
                                .revision(revision)
                                .created(T0, "t")
                                .updated(T0, "t")
                                .build())
                        .toList());
    }

    @Test
    void rendersARevisionOncePerFormat() {
        CatalogSnapshot snapshot = at(3, "grep", "find");

        byte[] first = export.render(snapshot.stableView(), false);
        byte[] second = export.render(at(3, "grep", "find").stableView(), false);
        byte[] yaml = export.render(snapshot.stableView(), true);
        export.render(snapshot.stableView(), true);

        assertThat(second).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8))
                .contains("\"revision\":3")
                .contains("\"grep\"");
        assertThat(new String(yaml, StandardCharsets.UTF_8)).contains("revision: 3");
        assertThat(export.renders()).isEqualTo(2);
    }

    @Test
    void aNewRevisionIsRenderedAfresh() {
        export.render(at(3, "grep").stableView(), false);

        byte[] next = export.render(at(4, "grep", "find").stableView(), false);

        assertThat(new String(next, StandardCharsets.UTF_8))
                .contains("\"revision\":4")
                .contains("\"find\"");
        assertThat(export.renders()).isEqualTo(2);
    }

    @Test
    void concurrentFirstRequestsShareOneRender() {
        CatalogSnapshot snapshot = at(7, "grep");

        List<CompletableFuture<byte[]>> calls = IntStream.range(0, 16)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> export.render(snapshot.stableView(), false)))
                .toList();
        calls.forEach(CompletableFuture::join);

        assertThat(export.renders()).isEqualTo(1);
    }

    @Test
    void anOlderSnapshotNeverReplacesTheNewerRender() {
        byte[] newer = export.render(at(5, "grep").stableView(), false);
        export.render(at(4, "grep").stableView(), false);

        assertThat(export.render(at(5, "grep").stableView(), false)).isSameAs(newer);
        assertThat(export.renders()).isEqualTo(2);
    }
}
