package io.toolcatalog.api.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's MCP sessions, counted against {@code catalog.mcp.max-sessions}. An {@code initialize}
 * first reserves a place ({@link #reserve()}), so concurrent ones cannot overshoot the bound; the
 * session, once the SDK created it, is {@link #opened}; the SDK tells us when it is {@link #closed}
 * (a DELETE, its idle sweep, shutdown). A session the SDK drops without closing (its stream broke
 * while sending) is forgotten here once it has no open stream and was not used for the idle
 * timeout twice over, the longest the SDK's own sweep lets such a session live.
 */
final class McpSessions {

    private final int max;
    private final Duration idleTimeout;
    private final Clock clock;
    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private int reserved;

    McpSessions(int max, Duration idleTimeout, Clock clock) {
        this.max = max;
        this.idleTimeout = idleTimeout;
        this.clock = clock;
    }

    /** Takes a place for a session about to be opened; false when the node holds as many as it allows. */
    synchronized boolean reserve() {
        if (open.size() + reserved >= max) {
            forgetAbandoned();
        }
        if (open.size() + reserved >= max) {
            return false;
        }
        reserved++;
        return true;
    }

    /** Gives back a place {@link #reserve()} took, once the request that took it is answered. */
    synchronized void release() {
        reserved--;
    }

    void opened(McpStreamableServerSession session) {
        open.put(session.getId(), new Entry(session, clock.instant()));
    }

    void used(String sessionId) {
        open.computeIfPresent(sessionId, (id, entry) -> new Entry(entry.session(), clock.instant()));
    }

    void closed(String sessionId) {
        open.remove(sessionId);
    }

    int count() {
        return open.size();
    }

    private void forgetAbandoned() {
        Instant before = clock.instant().minus(idleTimeout.multipliedBy(2));
        open.values()
                .removeIf(entry ->
                        !entry.session().hasOpenStream() && entry.lastUsed().isBefore(before));
    }

    private record Entry(McpStreamableServerSession session, Instant lastUsed) {}
}
