package io.toolcatalog.node.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.history.ReloadCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisHistoryStoreTest {

    @Test
    void sumsCountersPerNodeWhoseIdsContainColons() {
        Map<Object, Object> fields = Map.of(
                "host:8081:total", "5",
                "host:8081:successful", "4",
                "host:8081:failed", "1",
                "node-b:total", "2",
                "node-b:successful", "2");

        Map<String, ReloadCounts> counts = RedisHistoryStore.countsOf(fields);

        assertThat(counts)
                .containsEntry("host:8081", new ReloadCounts(5, 4, 1))
                .containsEntry("node-b", new ReloadCounts(2, 2, 0));
    }
}
