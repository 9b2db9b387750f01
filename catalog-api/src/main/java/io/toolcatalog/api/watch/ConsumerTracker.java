package io.toolcatalog.api.watch;

import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's named consumers ({@code X-Catalog-Consumer}) and what each was last handed. Every
 * {@code consumer-report-interval} it writes the positions that moved to the cluster's {@link
 * ConsumerRegistry}, and every connected consumer at least three times per time to live, so an
 * entry outlives its consumer by at most that time. A consumer whose last connection closed is
 * kept here (and no longer refreshed) until its time to live runs out.
 *
 * <p>Names are the caller's word, so they are bounded: this node tracks at most {@code max-consumers-per-node}
 * of them (a new one past that is served but not tracked, and counted), and a consumer that came
 * with a token owns its id here as in the registry: a caller without that principal cannot report
 * under it.
 */
final class ConsumerTracker {

    private static final Logger log = LoggerFactory.getLogger(ConsumerTracker.class);

    private final ConsumerRegistry registry;
    private final NodeIdentity node;
    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final LongSupplier applied;
    private final WatchMetrics metrics;
    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    private volatile boolean lastReportFailed;

    ConsumerTracker(
            ConsumerRegistry registry,
            NodeIdentity node,
            Clock clock,
            WatchProperties settings,
            LongSupplier applied,
            WatchMetrics metrics) {
        this.registry = registry;
        this.node = node;
        this.clock = clock;
        this.ttl = settings.consumerTtl();
        this.capacity = settings.maxConsumersPerNode();
        this.applied = applied;
        this.metrics = metrics;
    }

    /**
     * A watch of {@code consumerId} began, by {@code owner} (the principal, null when anonymous);
     * answers the id it is tracked under, or null when it is not tracked (no id, an id another
     * principal owns, or no room): pass that to {@link #delivered} and {@link #disconnected}.
     */
    String connected(String consumerId, String owner, long holds) {
        if (consumerId == null) {
            return null;
        }
        Instant now = clock.instant();
        boolean[] tracked = {false};
        byId.compute(consumerId, (id, entry) -> {
            if (entry == null && byId.size() >= capacity) {
                return null;
            }
            Entry e = entry == null ? new Entry() : entry;
            synchronized (e) {
                if (e.owner != null && !e.owner.equals(owner)) {
                    return e;
                }
                if (owner != null) {
                    e.owner = owner;
                }
                if (e.connections == 0) {
                    e.connectedSince = now;
                }
                e.connections++;
                e.delivered = Math.max(e.delivered, holds);
                e.lastSeen = now;
                e.dirty = true;
                tracked[0] = true;
            }
            return e;
        });
        if (!tracked[0]) {
            boolean notOwner = byId.containsKey(consumerId);
            metrics.consumersRefused(notOwner ? 1 : 0, notOwner ? 0 : 1);
            log.debug("Not tracking a watch consumer ({})", notOwner ? "its id is owned by another principal" : "full");
            return null;
        }
        return consumerId;
    }

    void delivered(String consumerId, long revision, String view) {
        Entry e = consumerId == null ? null : byId.get(consumerId);
        if (e != null) {
            synchronized (e) {
                e.delivered = revision;
                if (view != null) {
                    e.view = view;
                }
                e.lastSeen = clock.instant();
                e.dirty = true;
            }
        }
    }

    void disconnected(String consumerId) {
        Entry e = consumerId == null ? null : byId.get(consumerId);
        if (e != null) {
            synchronized (e) {
                e.connections = Math.max(0, e.connections - 1);
                e.lastSeen = clock.instant();
                e.dirty = true;
            }
        }
    }

    /** This node's consumers seen within the time to live: the answer when the registry is down. */
    List<ConsumerPosition> local() {
        Instant now = clock.instant();
        List<ConsumerPosition> positions = new ArrayList<>();
        byId.forEach((id, e) -> {
            synchronized (e) {
                if (e.connections > 0 || e.lastSeen.plus(ttl).isAfter(now)) {
                    positions.add(e.position(id, node.nodeId(), e.connections > 0 ? now : e.lastSeen));
                }
            }
        });
        return positions;
    }

    /** Writes what moved (and what is due a refresh) to the registry; forgets long-gone consumers. */
    void report() {
        Instant now = clock.instant();
        long nodeApplied = applied.getAsLong();
        long maxLag = 0;
        List<ConsumerPosition> due = new ArrayList<>();
        List<Entry> reported = new ArrayList<>();
        for (var it = byId.entrySet().iterator(); it.hasNext(); ) {
            var item = it.next();
            Entry e = item.getValue();
            synchronized (e) {
                if (e.connections == 0 && !e.dirty && !e.lastSeen.plus(ttl).isAfter(now)) {
                    it.remove();
                    continue;
                }
                if (e.connections > 0) {
                    e.lastSeen = now;
                    maxLag = Math.max(maxLag, nodeApplied - e.delivered);
                }
                boolean refresh = e.connections > 0
                        && (e.reportedAt == null
                                || !e.reportedAt.plus(ttl.dividedBy(3)).isAfter(now));
                if (e.dirty || refresh || lastReportFailed) {
                    due.add(e.position(item.getKey(), node.nodeId(), e.lastSeen));
                    reported.add(e);
                }
            }
        }
        metrics.consumerLag(Math.max(0, maxLag));
        if (due.isEmpty()) {
            return;
        }
        try {
            ConsumerRegistry.Refusals refused = registry.report(due);
            metrics.consumersRefused(refused.notOwner(), refused.full());
            for (Entry e : reported) {
                synchronized (e) {
                    e.dirty = false;
                    e.reportedAt = now;
                }
            }
            lastReportFailed = false;
        } catch (RuntimeException e) {
            if (!lastReportFailed) {
                log.warn("Could not report {} watch consumers to the cluster: {}", due.size(), e.toString());
            }
            lastReportFailed = true;
        }
    }

    private static final class Entry {
        int connections;
        Instant connectedSince;
        long delivered;
        Instant lastSeen;
        Instant reportedAt;
        String owner;
        String view;
        boolean dirty;

        ConsumerPosition position(String id, String nodeId, Instant seen) {
            return new ConsumerPosition(id, nodeId, delivered, connectedSince, seen, owner, view);
        }
    }
}
