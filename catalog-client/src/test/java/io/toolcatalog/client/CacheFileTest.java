package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFileTest {

    @TempDir
    Path dir;

    private static final CatalogTool GREP = ScriptedNode.tool("grep", 3, 9, true, 5000);

    @Test
    void readsBackWhatItWrote() throws IOException {
        CacheFile file = new CacheFile(dir.resolve("a/b/catalog.json"));
        CatalogState state = CatalogState.of(9, List.of(GREP, ScriptedNode.tool("sed", 1, 2, false, 1)));

        file.write(state);

        CatalogState read = file.read().orElseThrow();
        assertThat(read.revision()).isEqualTo(9);
        assertThat(read.tools()).containsExactlyElementsOf(state.tools());
        assertThat(read.profiles()).isEqualTo(state.profiles());
    }

    @Test
    void replacesTheOldFileWhole() throws IOException {
        CacheFile file = new CacheFile(dir.resolve("catalog.json"));
        file.write(CatalogState.of(1, List.of(GREP, ScriptedNode.tool("sed", 1, 2, false, 1))));

        file.write(CatalogState.of(2, List.of()));

        assertThat(file.read().orElseThrow().tools()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("catalog.json"));
        }
    }

    @Test
    void aConcurrentReaderNeverSeesHalfAFile() throws Exception {
        Path path = dir.resolve("catalog.json");
        CacheFile file = new CacheFile(path);
        List<CatalogTool> tools = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            tools.add(ScriptedNode.tool("tool-" + i, 1, i, true, i));
        }
        file.write(CatalogState.of(0, tools));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                try {
                    Json.MAPPER.readValue(Files.readAllBytes(path), Json.Snapshot.class);
                    reads.incrementAndGet();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });

        for (int revision = 1; revision <= 30; revision++) {
            file.write(CatalogState.of(revision, tools));
        }
        writing.set(false);

        reader.get(10, TimeUnit.SECONDS);
        assertThat(reads).hasPositiveValue();
        assertThat(file.read().orElseThrow().revision()).isEqualTo(30);
    }

    @Test
    void ignoresAMissingEmptyTruncatedOrForeignFile() throws IOException {
        Path path = dir.resolve("catalog.json");
        CacheFile file = new CacheFile(path);
        assertThat(file.read()).isEmpty();

        for (String content : List.of(
                "",
                "{\"revision\": 4, \"tools\": [",
                "[1, 2]",
                "{\"revision\": 4}",
                "{\"revision\": 4, \"tools\": [{\"enabled\": true}]}")) {
            Files.writeString(path, content);
            assertThat(file.read()).as(content).isEmpty();
        }
    }

    @Test
    void anyObjectMapperWritesTheProfilesInTheServersSnakeCase() throws IOException {
        Profiles profiles = CatalogState.of(9, List.of(GREP)).profiles();

        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(profiles);

        assertThat(json)
                .isEqualTo(
                        "{\"revision\":9,\"tools\":{\"grep\":{\"default\":{\"timeout_ms\":5000,\"max_retries\":2,"
                                + "\"cost_weight\":0.2,\"latency_weight\":0.5,\"quality_weight\":0.3,\"parameters\":{\"flags\":\"-n\"}}}}}");
    }

    @Test
    void keepsProfileParametersAsTheyWere() throws IOException {
        ToolProfile profile =
                new ToolProfile(null, null, null, null, null, Map.of("nested", Map.of("list", List.of(1, "two"))));
        CatalogTool tool = new CatalogTool("t", null, null, null, true, Map.of("p", profile), null, null, 1, 1);
        CacheFile file = new CacheFile(dir.resolve("catalog.json"));

        file.write(CatalogState.of(1, List.of(tool)));

        assertThat(file.read().orElseThrow().tool("t")).contains(tool);
    }
}
