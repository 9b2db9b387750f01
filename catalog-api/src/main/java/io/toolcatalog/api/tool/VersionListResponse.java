package io.toolcatalog.api.tool;

import java.util.List;

/** A page of a tool's versions, newest first, and how many it has in all. */
record VersionListResponse(String name, List<VersionResponse> versions, int total) {}
