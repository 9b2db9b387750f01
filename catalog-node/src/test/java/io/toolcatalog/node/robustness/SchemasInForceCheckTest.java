package io.toolcatalog.node.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchemasInForceCheckTest {

    private final SchemasInForceCheck check = new SchemasInForceCheck();

    private static JsonNode fast(int timeoutMs) {
        try {
            return new ObjectMapper()
                    .readTree("{\"name\": \"t1\", \"profiles\": {\"fast\": {\"timeout_ms\": " + timeoutMs + "}}}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** t1 created at 3000 ms, then a schema of at most {@code limit}, then t1 updated to {@code later} ms. */
    private static DatabaseHistory history(long limit, int later) {
        return DatabaseHistory.of(
                3,
                List.of(
                        new VersionRow("t1", 1, 1, "create", fast(3000)),
                        new VersionRow("t1", 2, 3, "update", fast(later))),
                new TreeMap<>(Map.of(
                        1L, new LoggedChange(1, List.of("t1"), "create"),
                        2L, new LoggedChange(2, List.of(), "schema_set", SchemasInForceCheck.REASON + limit),
                        3L, new LoggedChange(3, List.of("t1"), "update"))));
    }

    @Test
    void passesWritesWithinTheSchemaInForce() {
        assertThat(check.check(List.of(), history(5000, 4000))).isEmpty();
    }

    @Test
    void flagsAVersionWrittenAboveTheSchemaInForce() {
        assertThat(check.check(List.of(), history(5000, 8000)))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("revision 3").contains("t1 v2"));
    }

    @Test
    void flagsASchemaSetWhileAToolBreaksIt() {
        assertThat(check.check(List.of(), history(2000, 1000)))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("revision 2").contains("t1 v1"));
    }
}
