package io.toolcatalog.core.history;

/**
 * Is given every reload event this node records: its in-memory history, the cluster's history
 * stream, metrics. Called on the reloader's report thread, in the order of the reloads, after the swap (readers
 * already see the new snapshot), so an implementation must return quickly and
 * never throw.
 */
public interface ReloadEventListener {

    void onReloadEvent(ReloadEvent event);
}
