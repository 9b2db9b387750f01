package io.toolcatalog.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The client's JSON: the server's snake_case, fields the server adds later are ignored (an older
 * client keeps working), and the records the watch stream, {@code /profiles} and the cache file carry.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {}

    /** The whole catalog at one revision: a {@code snapshot} event, and the cache file's content. */
    record Snapshot(long revision, List<CatalogTool> tools) {

        Snapshot {
            tools = List.copyOf(tools);
        }

        static Snapshot of(CatalogState state) {
            return new Snapshot(state.revision(), List.copyOf(state.tools()));
        }

        CatalogState toState() {
            return CatalogState.of(revision, tools);
        }
    }

    /** A {@code change} event: applying it to the catalog at {@code fromRevision} gives it at {@code revision}. */
    record Change(long fromRevision, long revision, List<CatalogTool> changed, List<String> removed) {

        Change {
            changed = changed == null ? List.of() : List.copyOf(changed);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }
    }

    /** A {@code progress} event: the node is at {@code revision} and has nothing newer. */
    record Progress(long revision) {}
}
