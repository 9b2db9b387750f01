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
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells what a reload did: the handlers hear of the new snapshot, then the event is built, logged
 * (one INFO line per reload, under the reloader's name) and handed to every event listener. All of
 * it follows the swap in a {@link ReportQueue}, in the order of the swaps, off the applying thread:
 * the event's time ({@code timestamp}, {@code propagationMs}, {@code durationMs}) is the swap's.
 */
final class ReloadReports {

    private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

    private final ReloadListeners listeners;
    private final String nodeId;
    private final Clock clock;
    private final ReportQueue queue;

    ReloadReports(ReloadListeners listeners, String nodeId, Clock clock, Executor worker, int capacity) {
        this.listeners = listeners;
        this.nodeId = nodeId;
        this.clock = clock;
        this.queue = new ReportQueue(worker, capacity, this::report);
    }

    int handlerCount() {
        return listeners.handlerCount();
    }

    /** Reload events dropped because the reports fell behind the swaps. */
    long folded() {
        return queue.folded();
    }

    /** Returns once {@code ticket}'s report ran (this thread runs it when no other does); its event, or null. */
    ReloadEvent await(ReportQueue.Ticket ticket) {
        return ticket == null ? null : queue.await(ticket);
    }

    /** {@code next} replaced {@code previous}; {@code change} is the last logged change it includes, or null. */
    ReportQueue.Ticket swapped(
            long startNanos,
            CatalogSnapshot previous,
            CatalogSnapshot next,
            Set<String> changedNames,
            ReloadKind kind,
            ReloadCause cause,
            CommittedChange change) {
        Instant appliedAt = clock.instant();
        double durationMs = elapsedMs(startNanos);
        Double propagationMs = change == null || change.committedAt() == null
                ? null
                : Duration.between(change.committedAt(), appliedAt).toNanos() / 1e6;
        CatalogReloaded reloaded = new CatalogReloaded(previous, next, changedNames, kind, cause.trigger(), change);
        return queue.submit(
                reloaded,
                handlerErrors -> ReloadEvent.applied(
                        cause,
                        nodeId,
                        appliedAt,
                        durationMs,
                        previous.revision(),
                        next.revision(),
                        kind,
                        changedNames,
                        propagationMs,
                        handlerErrors));
    }

    /** The reload could not read the database, or read a row it cannot serve; the node keeps serving {@code from}. */
    ReportQueue.Ticket failed(long startNanos, long from, ReloadCause cause, RuntimeException error) {
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
        return queue.submit(null, none -> event);
    }

    /** One report, on the queue's thread: the handlers (when a snapshot was swapped in), the event, its line, the listeners. */
    private ReloadEvent report(CatalogReloaded reloaded, Function<String, ReloadEvent> build) {
        ReloadEvent event = build.apply(reloaded == null ? null : listeners.tell(reloaded));
        if (reloaded != null) {
            log.info(
                    "Reloaded {} revision {} -> {} ({} tools changed, {} ms, trigger {}, reload_id {}, origin {})",
                    event.kind().value(),
                    event.fromRevision(),
                    event.revision(),
                    event.toolsChanged(),
                    String.format("%.2f", event.durationMs()),
                    event.trigger().value(),
                    event.reloadId(),
                    event.originNode());
        }
        listeners.record(event);
        return event;
    }

    private static double elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
