package io.toolcatalog.core.reload;

import io.toolcatalog.core.history.ReloadEvent;
import java.util.List;

/**
 * The answer to an explicit reload: this node's own event, and, when the caller waited, every live
 * node's event ({@code outcomes}) and the live nodes that did not report in time ({@code missing}).
 */
public record ClusterReload(
        ReloadEvent local, boolean clusterScope, List<ReloadEvent> outcomes, List<String> missing) {}
