package io.toolcatalog.core.history;

/**
 * Is given every reload event this node records: its in-memory history, the cluster's history
 * stream, metrics. Called on the reloading thread, so an implementation must return quickly and
 * never throw.
 */
public interface ReloadEventListener {

    void onReloadEvent(ReloadEvent event);
}
