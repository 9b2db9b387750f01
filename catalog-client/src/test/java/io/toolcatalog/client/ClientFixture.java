package io.toolcatalog.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client test sets up: scripted nodes, clients with short backoffs, all closed in reverse
 * order by {@link #close()}.
 */
final class ClientFixture implements AutoCloseable {

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** A scripted node on a free port, closed with the fixture. */
    ScriptedNode node() {
        return track(ScriptedNode.start());
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A builder with backoffs and timeouts short enough for tests. */
    CatalogClientBuilder builder(URI... endpoints) {
        return CatalogClient.builder()
                .endpoints(endpoints)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(1))
                .startTimeout(Duration.ofSeconds(10));
    }

    /** A started client, closed with the fixture. */
    CatalogClient started(CatalogClientBuilder builder) throws InterruptedException {
        return track(builder.build()).start();
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
