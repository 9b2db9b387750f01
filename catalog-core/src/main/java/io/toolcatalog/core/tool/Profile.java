package io.toolcatalog.core.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How a pipeline calls a tool: timeouts, retries, the weights it ranks tools by, and free-form
 * parameters. Any field may be absent; absent means "use the pipeline's default".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Profile(
        Integer timeoutMs,
        Integer maxRetries,
        Double costWeight,
        Double latencyWeight,
        Double qualityWeight,
        Map<String, Object> parameters) {

    public Profile {
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }
}
