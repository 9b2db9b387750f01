package io.toolcatalog.api.tool;

import java.time.Instant;
import java.util.List;

/** The whole catalog as of {@code revision}: what {@code POST /tools/import} takes back. */
record ExportResponse(long revision, Instant exportedAt, List<ToolResponse> tools) {}
