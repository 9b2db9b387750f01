package io.toolcatalog.core.history;

/**
 * Where reload history and counters are read from: the whole cluster's when the shared store
 * answers, this node's own otherwise (and the answer says which).
 */
public interface HistoryStore {

    HistoryPage query(HistoryQuery query);

    /** Counters per node id, and where they came from ({@code cluster} or {@code local}). */
    CountsByNode counts();
}
