package io.toolcatalog.core.history;

/**
 * Reload history and counters as the API shows them: read from the {@link HistoryStore}, which is
 * the whole cluster's when the shared store answers and this node's own otherwise (the answer says
 * which).
 */
public final class ReloadHistory {

    private final HistoryStore store;

    public ReloadHistory(HistoryStore store) {
        this.store = store;
    }

    /** The events that match, newest first, at most {@code query.limit()}. */
    public HistoryPage query(HistoryQuery query) {
        return store.query(query);
    }

    /** Counters per node, and where they came from. */
    public CountsByNode counts() {
        return store.counts();
    }
}
