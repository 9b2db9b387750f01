package io.toolcatalog.api.tool;

/** What {@code DELETE /tools/{name}} answers. */
record DeletedResponse(String name, boolean deleted, long revision) {}
