package io.toolcatalog.api.tool;

import static io.toolcatalog.core.testing.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.tool.Tool;
import org.junit.jupiter.api.Test;

class RenderedToolsTest {

    private final RenderedTools rendered = new RenderedTools(new ObjectMapper().findAndRegisterModules());

    @Test
    void theStableToolAndItsCandidateReadInTurnAreEachRenderedOnce() {
        Tool stable = tool("grep", 1, 1);
        Tool candidate = tool("grep", 2, 2);

        byte[] stableJson = rendered.json(stable);
        byte[] candidateJson = rendered.json(candidate);

        for (int i = 0; i < 5; i++) {
            assertThat(rendered.json(stable)).isSameAs(stableJson);
            assertThat(rendered.json(candidate)).isSameAs(candidateJson);
        }
        assertThat(new String(candidateJson)).contains("\"version\":2");
    }
}
