package io.toolcatalog.core.reload;

import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import java.time.Duration;
import java.util.List;

/**
 * Explicit reloads (manual, webhook): performed here, then asked of every node through the
 * broadcaster with the same {@code reload_id}; optionally waits for each live node's outcome
 * ({@link ReloadOutcomes}).
 */
public final class ClusterReloads {

    private final CatalogReloader reloader;
    private final ReloadBroadcaster broadcaster;
    private final ReloadOutcomes outcomes;

    public ClusterReloads(CatalogReloader reloader, ReloadBroadcaster broadcaster, ReloadOutcomes outcomes) {
        this.reloader = reloader;
        this.broadcaster = broadcaster;
        this.outcomes = outcomes;
    }

    public ClusterReload reload(ReloadRequest request, boolean clusterScope, Duration wait) {
        ReloadEvent local = reloader.reload(request);
        if (!clusterScope) {
            return new ClusterReload(local, false, List.of(local), List.of());
        }
        broadcaster.reloadRequested(request);
        if (wait == null || wait.isZero() || wait.isNegative()) {
            return new ClusterReload(local, true, List.of(), List.of());
        }
        return outcomes.await(request, reloader.nodeId(), local, reloader.applied(), wait);
    }
}
