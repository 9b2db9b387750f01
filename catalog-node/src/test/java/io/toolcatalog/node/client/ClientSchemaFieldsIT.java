package io.toolcatalog.node.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.client.CatalogClient;
import io.toolcatalog.client.CatalogTool;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java client holds a tool's input schema as the API shows it, and follows its change. */
class ClientSchemaFieldsIT {

    @Test
    void theClientHoldsAToolsInputSchema() throws Exception {
        try (Node node = TestNodes.alone("client-schemas")) {
            NodeWrites writes = new NodeWrites(node.baseUrl());
            long revision = writes.createWithInputSchema("grep", "{\"type\": \"object\", \"required\": [\"pattern\"]}");
            try (CatalogClient client = CatalogClient.builder()
                    .endpoints(URI.create(node.baseUrl()))
                    .consumerId("client-schemas")
                    .build()) {
                client.start();
                assertThat(client.awaitRevision(revision, Duration.ofSeconds(10)))
                        .isTrue();

                CatalogTool grep = client.tool("grep").orElseThrow();

                assertThat(grep.inputSchema().path("required").get(0).asText()).isEqualTo("pattern");
                assertThat(grep.outputSchema()).isNull();
            }
        }
    }
}
