package io.toolcatalog.client;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * The whole catalog at one revision: a {@code snapshot} event, and the cache file's content.
     * {@code view} is the consumer's view when known; {@code consumer} (the cache file only) is the
     * identity the view was served to, {@code <id> <labels>}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Snapshot(long revision, List<CatalogTool> tools, String view, String consumer) {

        Snapshot {
            tools = List.copyOf(tools);
        }

        Snapshot(long revision, List<CatalogTool> tools) {
            this(revision, tools, null, null);
        }

        static Snapshot of(CatalogState state, String consumer) {
            return new Snapshot(state.revision(), List.copyOf(state.tools()), state.consumerView(), consumer);
        }

        /** The state, in {@code view} when the event names none. */
        CatalogState toState(String streamView) {
            return CatalogState.of(revision, tools, view != null ? view : streamView);
        }

        CatalogState toState() {
            return toState(null);
        }
    }

    /**
     * A {@code change} event: applying it to the catalog at {@code fromRevision} gives it at {@code
     * revision}; {@code operation} names what happened ({@code rollout_start} …) and {@code view},
     * when the node sends it, the consumer's view at {@code revision}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeJson(
            long fromRevision,
            long revision,
            List<CatalogTool> changed,
            List<String> removed,
            String operation,
            String view) {

        ChangeJson {
            changed = changed == null ? List.of() : List.copyOf(changed);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }

        ChangeJson(long fromRevision, long revision, List<CatalogTool> changed, List<String> removed) {
            this(fromRevision, revision, changed, removed, null, null);
        }

        /** Whether the change is a step of a rollout, which may change the consumer's view. */
        boolean rolloutStep() {
            return operation != null && operation.startsWith("rollout_");
        }
    }

    /** A {@code progress} event: the node is at {@code revision} and has nothing newer. */
    record Progress(long revision) {}
}
