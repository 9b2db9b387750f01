package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.ReloadHandler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells MCP sessions {@code notifications/tools/list_changed} when a snapshot swap changed what
 * {@code tools/list} holds: a listed tool added, removed, disabled, enabled or changed, or a
 * rollout moved (a cohort's list may have changed). A change to a disabled tool, or a reload that
 * changed nothing listed, sends nothing. Told of every reload on
 * the reloader's report thread, it only marks the list changed; a timer sends at most one notification per
 * {@code catalog.mcp.notify-interval}, so a burst of revisions makes one re-list per client.
 */
final class ListChangedNotifier implements ReloadHandler {

    private static final Logger log = LoggerFactory.getLogger(ListChangedNotifier.class);

    private final McpStreamableServerTransportProvider transport;
    private final Scheduler scheduler;
    private final Duration interval;
    private final AtomicBoolean changed = new AtomicBoolean();
    private Scheduler.Cancellable timer;

    ListChangedNotifier(McpStreamableServerTransportProvider transport, Scheduler scheduler, Duration interval) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    synchronized void start() {
        if (timer == null) {
            timer = scheduler.scheduleWithFixedDelay(this::flush, interval, interval);
        }
    }

    synchronized void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        if (changesList(reloaded)) {
            changed.set(true);
        }
    }

    static boolean changesList(CatalogReloaded reloaded) {
        if (!reloaded.previous().rollouts().equals(reloaded.current().rollouts())) {
            return true;
        }
        AppliedChange applied = reloaded.applied();
        if (applied.names().isEmpty() || applied.reset()) {
            // a reset names every row that differs in any field, listed or not; as for a swap that
            // named nothing, the digest says whether anything changed (one re-list too many is cheap)
            return !reloaded.previous().digest().equals(reloaded.current().digest());
        }
        for (String name : applied.names()) {
            if (!McpToolList.listedAlike(
                    reloaded.previous().tool(name).orElse(null),
                    reloaded.current().tool(name).orElse(null))) {
                return true;
            }
        }
        return false;
    }

    void flush() {
        if (!changed.getAndSet(false)) {
            return;
        }
        transport
                .notifyClients(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED, null)
                .subscribe(done -> {}, e -> log.debug("tools/list_changed not delivered everywhere: {}", e.toString()));
    }
}
