package io.toolcatalog.core.reload;

/**
 * A component told of every reload, after the new snapshot is in place (the single-node
 * predecessor's {@code register_reload_handler}). Handlers run one after another on the reloading thread, each
 * isolated: one that throws is logged by name and the others still run.
 */
public interface ReloadHandler {

    void onReload(CatalogReloaded reloaded);

    default String name() {
        return getClass().getSimpleName();
    }
}
