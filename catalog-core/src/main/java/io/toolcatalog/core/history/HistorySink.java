package io.toolcatalog.core.history;

/**
 * Where a node's reload events go: its in-memory history, metrics, the cluster's Redis stream.
 * Called on the reloading thread, so an implementation must return quickly and never throw.
 */
public interface HistorySink {

    void append(ReloadEvent event);
}
