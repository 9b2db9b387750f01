package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.error.SchemaViolationException;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.SchemaEditor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A schema set through node a is held by node b at its revision, and enforced on writes through b. */
class SchemaClusterIT {

    @RegisterExtension
    static final NodePair nodes = new NodePair("schemas", Map.of());

    @Test
    void aSchemaSetThroughOneNodeIsServedAndEnforcedByTheOther() throws Exception {
        long revision = nodes.a()
                .bean(SchemaEditor.class)
                .set(
                        "stage_b",
                        new ObjectMapper()
                                .readTree("{\"properties\":{\"timeout_ms\":{\"type\":\"integer\",\"maximum\":1000}}}"),
                        Actor.of("admin"));

        AppliedCatalog b = nodes.b().bean(AppliedCatalog.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.applied() >= revision);
        assertThat(b.snapshot().schemas().documents()).containsKey("stage_b");
        assertThat(b.snapshot().schemas().revision()).isEqualTo(revision);

        CatalogEditor throughB = nodes.b().bean(CatalogEditor.class);
        assertThatThrownBy(() -> throughB.create(
                        ToolDrafts.plain("slow", "d")
                                .profile("stage_b", new Profile(5000, null, null, null, null, null))
                                .build(),
                        Actor.of("editor")))
                .isInstanceOf(SchemaViolationException.class)
                .hasMessageStartingWith("profiles.stage_b.timeout_ms");

        long deleted = nodes.b().bean(SchemaEditor.class).delete("stage_b", Actor.of("admin"));
        AppliedCatalog a = nodes.a().bean(AppliedCatalog.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.applied() >= deleted);
        assertThat(a.snapshot().schemas().documents()).doesNotContainKey("stage_b");
    }
}
