package io.toolcatalog.core.reload;

import io.toolcatalog.core.error.Incident;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of a reload: the {@link ReloadHandler}s, told of each new snapshot, and the {@link
 * ReloadEventListener}s, given each event. Each runs isolated: one that throws is logged by name and the
 * others still run: one broken handler must not keep the rest from hearing of a reload.
 */
final class ReloadListeners {

    private static final Logger log = LoggerFactory.getLogger(ReloadListeners.class);

    private final List<ReloadHandler> handlers;
    private final List<ReloadEventListener> eventListeners;

    ReloadListeners(List<ReloadHandler> handlers, List<ReloadEventListener> eventListeners) {
        this.handlers = List.copyOf(handlers);
        this.eventListeners = List.copyOf(eventListeners);
    }

    int handlerCount() {
        return handlers.size();
    }

    /** Runs every handler, each isolated; returns what failed, or null. */
    String tell(CatalogReloaded reloaded) {
        StringBuilder errors = null;
        for (ReloadHandler handler : handlers) {
            try {
                handler.onReload(reloaded);
            } catch (RuntimeException e) {
                Incident incident = Incident.report(
                        log,
                        "Reload handler " + handler.name() + " failed at revision "
                                + reloaded.current().revision(),
                        e);
                errors = (errors == null ? new StringBuilder() : errors.append("; ")).append(incident.message());
            }
        }
        return errors == null ? null : errors.toString();
    }

    /** Hands the event to every event listener; one that throws loses only its own copy. */
    void record(ReloadEvent event) {
        for (ReloadEventListener listener : eventListeners) {
            try {
                listener.onReloadEvent(event);
            } catch (RuntimeException e) {
                log.warn(
                        "Reload event listener {} dropped an event: {}",
                        listener.getClass().getSimpleName(),
                        e.toString());
            }
        }
    }
}
