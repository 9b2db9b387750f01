package io.toolcatalog.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /tools/import}: the export's shape. The export's own {@code revision}
 * and {@code exported_at} are accepted and ignored, so an export can be imported as it is.
 */
record ImportRequest(List<ToolBody> tools, JsonNode revision, JsonNode exportedAt) {}
