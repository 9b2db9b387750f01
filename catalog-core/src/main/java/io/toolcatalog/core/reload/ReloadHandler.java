package io.toolcatalog.core.reload;

/**
 * A component told of every reload, after the new snapshot is in place (the single-node
 * predecessor's {@code register_reload_handler}). Handlers run one after another, in the order of the swaps, on
 * the reloader's report thread (after the swap: readers already see the new snapshot), each
 * isolated: one that throws is logged by name and the others still run.
 */
public interface ReloadHandler {

    void onReload(CatalogReloaded reloaded);

    default String name() {
        return getClass().getSimpleName();
    }
}
