package io.toolcatalog.core.reload;

import io.toolcatalog.core.error.Incident;
import io.toolcatalog.core.history.HistorySink;
import io.toolcatalog.core.history.ReloadEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of a reload: the {@link ReloadHandler}s, told of each new snapshot, and the {@link
 * HistorySink}s, given each event. Each runs isolated: one that throws is logged by name and the
 * others still run: one broken handler must not keep the rest from hearing of a reload.
 */
final class ReloadListeners {

    private static final Logger log = LoggerFactory.getLogger(ReloadListeners.class);

    private final List<ReloadHandler> handlers;
    private final List<HistorySink> sinks;

    ReloadListeners(List<ReloadHandler> handlers, List<HistorySink> sinks) {
        this.handlers = List.copyOf(handlers);
        this.sinks = List.copyOf(sinks);
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

    /** Hands the event to every sink; a sink that throws loses only its own copy. */
    void record(ReloadEvent event) {
        for (HistorySink sink : sinks) {
            try {
                sink.append(event);
            } catch (RuntimeException e) {
                log.warn("History sink {} dropped an event: {}", sink.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
