package io.toolcatalog.core.history;

import java.util.List;

/**
 * Events, newest first. {@code source} says where they came from: {@code cluster} (every node's,
 * from the shared store) or {@code local} (this node's only, when the shared store is unreachable).
 */
public record HistoryPage(List<ReloadEvent> history, int total, String source) {}
