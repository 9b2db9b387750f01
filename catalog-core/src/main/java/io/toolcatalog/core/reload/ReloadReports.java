package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.error.Incident;
import io.toolcatalog.core.history.ReloadCause;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells what a reload did: the handlers hear of the new snapshot, then the event is built, logged
 * (one INFO line per reload, under the reloader's name) and handed to every event listener.
 */
final class ReloadReports {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final ReloadListeners listeners;
    private final String nodeId;
    private final Clock clock;

    ReloadReports(ReloadListeners listeners, String nodeId, Clock clock) {
        this.listeners = listeners;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    int handlerCount() {
        return listeners.handlerCount();
    }

    /** {@code next} replaced {@code previous}; {@code change} is the last logged change it includes, or null. */
    ReloadEvent swapped(
            long startNanos,
            CatalogSnapshot previous,
            CatalogSnapshot next,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadCause cause,
            CommittedChange change) {
        Instant appliedAt = clock.instant();
        String handlerErrors =
                listeners.tell(new CatalogReloaded(previous, next, changedNames, kind, cause.trigger(), change));
        Double propagationMs = change == null || change.committedAt() == null
                ? null
                : Duration.between(change.committedAt(), appliedAt).toNanos() / 1e6;
        ReloadEvent event = ReloadEvent.applied(
                cause,
                nodeId,
                appliedAt,
                elapsedMs(startNanos),
                previous.revision(),
                next.revision(),
                kind,
                changedNames,
                propagationMs,
                handlerErrors);
        log.info(
                "Reloaded {} revision {} -> {} ({} tools changed, {} ms, trigger {}, reload_id {}, origin {})",
                kind.value(),
                previous.revision(),
                next.revision(),
                changedNames.size(),
                String.format("%.2f", event.durationMs()),
                cause.trigger().value(),
                cause.reloadId(),
                cause.originNode());
        listeners.record(event);
        return event;
    }

    /** The reload could not read the database, or read a row it cannot serve; the node keeps serving {@code from}. */
    ReloadEvent failed(long startNanos, long from, ReloadCause cause, RuntimeException error) {
        String what = error instanceof UnreadableRowException unreadable
                ? ": tool '" + unreadable.toolName() + "' cannot be served (its stored profiles cannot be read)"
                : "";
        Incident incident = Incident.report(
                log,
                "Reload failed at revision " + from + " (trigger "
                        + cause.trigger().value() + ", reload_id " + cause.reloadId()
                        + ")" + what + "; keeping the last good snapshot",
                error);
        ReloadEvent event =
                ReloadEvent.failed(cause, nodeId, clock.instant(), elapsedMs(startNanos), from, incident.message());
        listeners.record(event);
        return event;
    }

    private static double elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
