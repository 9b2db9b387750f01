package io.toolcatalog.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * How a pipeline calls a tool: timeouts, retries, the weights it ranks tools by, and free-form
 * parameters. Any field may be {@code null}, meaning "use the pipeline's own default".
 *
 * @param timeoutMs how long one call may take, in milliseconds
 * @param maxRetries how many times a failed call is retried
 * @param costWeight weight of cost when ranking tools
 * @param latencyWeight weight of latency when ranking tools
 * @param qualityWeight weight of quality when ranking tools
 * @param parameters free-form parameters passed to the tool (immutable, nested values too)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ToolProfile(
        Integer timeoutMs,
        Integer maxRetries,
        Double costWeight,
        Double latencyWeight,
        Double qualityWeight,
        Map<String, Object> parameters) {

    /** Freezes {@code parameters}, nested maps and lists included. */
    public ToolProfile {
        parameters = Frozen.map(parameters);
    }
}
