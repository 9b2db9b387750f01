package io.toolcatalog.api.tool;

import java.util.List;

/** One page of {@code GET /tools}: the matching tools, how many matched in all, at which revision. */
record ToolListResponse(List<ToolResponse> tools, int total, long revision) {}
