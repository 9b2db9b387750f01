package io.toolcatalog.api.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderedToolsTest {

    private final RenderedTools rendered = new RenderedTools(new ObjectMapper().findAndRegisterModules());

    private static Tool tool(int version) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new Tool(
                "grep",
                "d",
                "c",
                List.of(),
                true,
                Map.of("default", new Profile(1000, 1, null, null, null, null)),
                null,
                null,
                version,
                version,
                at,
                "t",
                at,
                "t");
    }

    @Test
    void theStableToolAndItsCandidateReadInTurnAreEachRenderedOnce() {
        Tool stable = tool(1);
        Tool candidate = tool(2);

        byte[] stableJson = rendered.json(stable);
        byte[] candidateJson = rendered.json(candidate);

        for (int i = 0; i < 5; i++) {
            assertThat(rendered.json(stable)).isSameAs(stableJson);
            assertThat(rendered.json(candidate)).isSameAs(candidateJson);
        }
        assertThat(new String(candidateJson)).contains("\"version\":2");
    }
}
