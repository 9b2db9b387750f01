package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache file carries a checksum of its content; a file that does not match it is not trusted. */
class CacheFileChecksumTest {

    @TempDir
    Path dir;

    private final CatalogTool grep = ScriptedNode.tool("grep", 3, 9, true, 5000);

    @Test
    void readsBackWhatItWrote() throws IOException {
        CacheFile file = new CacheFile(dir.resolve("catalog.json"));
        file.write(CatalogState.of(9, List.of(grep)));

        assertThat(file.read()).get().extracting(CatalogState::revision).isEqualTo(9L);
        assertThat(Files.readString(dir.resolve("catalog.json"))).containsPattern(",\"sha256\":\"[0-9a-f]{64}\"}$");
    }

    @Test
    void ignoresAFileWhoseContentWasChangedButIsStillValidJson() throws IOException {
        Path path = dir.resolve("catalog.json");
        CacheFile file = new CacheFile(path);
        file.write(CatalogState.of(9, List.of(grep)));
        String content = Files.readString(path);

        Files.writeString(path, content.replace("\"timeout_ms\":5000", "\"timeout_ms\":1"));

        assertThat(Files.readString(path)).isNotEqualTo(content);
        assertThat(file.read()).isEmpty();
    }

    @Test
    void ignoresAValidCatalogWithoutAChecksum() throws IOException {
        Path path = dir.resolve("catalog.json");
        Files.write(path, Json.MAPPER.writeValueAsBytes(Json.Snapshot.of(CatalogState.of(9, List.of(grep)), null)));

        assertThat(new CacheFile(path).read()).isEmpty();
    }

    @Test
    void aChecksumAfterADifferentBodyIsRefused() throws IOException {
        byte[] one = CacheFile.withChecksum("{\"revision\":1,\"tools\":[]}".getBytes(StandardCharsets.UTF_8));
        byte[] two = CacheFile.withChecksum("{\"revision\":2,\"tools\":[]}".getBytes(StandardCharsets.UTF_8));
        String spliced = "{\"revision\":2,\"tools\":[]" + new String(one, StandardCharsets.UTF_8).substring(24);

        assertThat(new String(CacheFile.verified(two), StandardCharsets.UTF_8))
                .isEqualTo("{\"revision\":2,\"tools\":[]}");
        org.assertj.core.api.Assertions.assertThatIOException()
                .isThrownBy(() -> CacheFile.verified(spliced.getBytes(StandardCharsets.UTF_8)));
    }
}
