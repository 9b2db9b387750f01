package io.toolcatalog.node.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ChangeMessageReader;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.DoorbellOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Receives the cluster's messages, in Redis's order ({@link ListenerLane}). A change message is read
 * (signature, JSON, rows validated) on the thread that received it, Redis's I/O thread, when no
 * message waits or is being handled before it; then, when the reloader's lock is free at once, its
 * carried rows are applied right there, without reading PostgreSQL, when this node is at exactly the
 * revision they apply to, or it rings for a catch-up. Otherwise it goes on to the listener thread,
 * which waits up to {@link #CARRIED_LOCK_WAIT} for the lock. Nothing on the receiving thread waits:
 * a swap's handlers and history follow it on the reloader's report thread. The reloader decides
 * whether rows apply, and alone decides whether the revision is applied already. A reload request
 * from another node is handed on, and runs on {@code reloads}. Every (re)subscription to the
 * doorbell channel requests a catch-up: pub/sub is at-most-once, and whatever was published while
 * this node was not subscribed is gone. Lettuce re-subscribes after a reconnect and the container
 * passes the confirmation on to this listener.
 *
 * <p>A message is input like any other. With a cluster key set, one without a valid signature is
 * refused before it is read. Carried rows are validated as a write's are ({@link
 * ChangeMessageReader}); rows that fail are not applied, and the message only rings (a catch-up
 * reads the truth). Refusals are counted by outcome and logged at WARN at most once per {@link
 * #WARN_EVERY}, at DEBUG otherwise.
 */
final class ClusterMessageListener implements MessageListener, SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterMessageListener.class);

    /**
     * How long the listener waits for the reloader's lock to apply carried rows: long enough for
     * another apply of rows (microseconds), short of a catch-up's read, which then covers the change.
     */
    static final Duration CARRIED_LOCK_WAIT = Duration.ofMillis(5);

    /** Messages that may wait for the listener thread; past it one is dropped, and the node catches up. */
    static final int LISTENER_CAPACITY = 10_000;

    /** At most one WARN per this long about refused messages; the rest at DEBUG. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final AtomicLong nextWarnAt = new AtomicLong(System.nanoTime());
    private final CatalogReloader reloader;
    private final ChangeMessageReader messages;
    private final MessageSignature signature;
    private final MessageOrigin origin;
    private final MissedAnnouncement missed;
    private final NodeIdentity node;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final Executor reloads;
    private final MeterRegistry registry;
    private final Counter subscriptions;
    private final Counter handledOnReceipt;
    private final Counter handedOn;
    private final PropagationHops hops;
    private final ListenerLane lane;

    ClusterMessageListener(
            CatalogReloader reloader,
            ChangeMessageReader messages,
            MissedAnnouncement missed,
            NodeIdentity node,
            ClusterProperties cluster,
            ClusterJson json,
            Executor reloads,
            Executor listenerThread,
            MeterRegistry registry) {
        this.reloader = reloader;
        this.messages = messages;
        this.missed = missed;
        this.signature = new MessageSignature(cluster.messageKey());
        this.node = node;
        this.origin = new MessageOrigin(node.nodeId());
        this.cluster = cluster;
        this.json = json;
        this.reloads = reloads;
        this.registry = registry;
        this.subscriptions = Counter.builder("catalog.cluster.subscriptions")
                .description("(Re)subscriptions to the cluster's doorbell channel; each one catches up")
                .register(registry);
        this.hops = new PropagationHops(registry);
        this.handledOnReceipt = handled(registry, "receiving");
        this.handedOn = handled(registry, "listener");
        this.lane = new ListenerLane(listenerThread, LISTENER_CAPACITY, reloader::requestCatchUp);
    }

    private static Counter handled(MeterRegistry registry, String thread) {
        return Counter.builder("catalog.cluster.changes.handled")
                .description("Change messages by the thread that handled them: the one that received them"
                        + " (nothing waiting, the reloader free) or the listener thread")
                .tag("thread", thread)
                .register(registry);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        long receivedNanos = System.nanoTime();
        long receivedAtMicros = PropagationHops.nowMicros();
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        if (!channel.equals(cluster.changedChannel())) {
            lane.handOn(() -> onOtherChannel(channel, message));
            return;
        }
        Change[] read = new Change[1];
        boolean here = lane.handle(
                () -> (read[0] = readChange(message, receivedAtMicros)) == null
                        || reloader.tryExclusively(() -> apply(read[0], receivedNanos)),
                () -> {
                    Change change = read[0] != null ? read[0] : readChange(message, receivedAtMicros);
                    if (change != null) {
                        apply(change, receivedNanos);
                    }
                });
        (here ? handledOnReceipt : handedOn).increment();
    }

    /** A reload request (or a message on no channel of ours), on the listener thread. */
    private void onOtherChannel(String channel, Message message) {
        if (signature.enabled() && !signature.verify(message.getBody())) {
            received("reload_requested", "bad_signature");
            refused("Refusing a message on {} without a valid signature", channel);
            return;
        }
        try {
            if (channel.equals(cluster.reloadChannel())) {
                onReloadRequested(json.read(message.getBody(), ReloadRequest.class));
            }
        } catch (RuntimeException e) {
            received("unknown", "unreadable");
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.toString());
        }
    }

    /**
     * A change message checked and read: its signature, its JSON, whose it is, its rows validated.
     * Null when there is nothing more to do (refused, unreadable, this node's own). This node's own
     * message is dropped first, before its signature and its whole JSON are read ({@link MessageOrigin}).
     */
    private Change readChange(Message message, long receivedAtMicros) {
        if (origin.isOwn(message.getBody())) {
            received("catalog_changed", "own");
            return null;
        }
        if (signature.enabled() && !signature.verify(message.getBody())) {
            received("catalog_changed", "bad_signature");
            refused("Refusing a message on {} without a valid signature", cluster.changedChannel());
            return null;
        }
        ChangeMessage change;
        try {
            change = json.read(message.getBody(), ChangeMessage.class);
        } catch (RuntimeException e) {
            received("unknown", "unreadable");
            log.warn("Ignoring an unreadable message on {}: {}", cluster.changedChannel(), e.toString());
            return null;
        }
        if (node.nodeId().equals(change.originNode())) {
            received("catalog_changed", "own");
            return null;
        }
        hops.received(change, receivedAtMicros);
        RevisionRows rows = null;
        if (cluster.carriesChanges()) {
            try {
                rows = messages.rows(change, this::heldRollout);
            } catch (InvalidToolException e) {
                received("catalog_changed", "invalid_rows");
                refused(
                        "Not applying the rows of revision {}: {} (catching up from the database instead)",
                        change.revision(),
                        e.getMessage());
            }
        }
        return new Change(change, rows);
    }

    /** A change read and validated, with its rows (null when it carried none, or none that may be applied). */
    private record Change(ChangeMessage message, RevisionRows rows) {}

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        lane.handOn(() -> subscribed(channel));
    }

    private void subscribed(byte[] channel) {
        if (cluster.changedChannel().equals(new String(channel, StandardCharsets.UTF_8))) {
            subscriptions.increment();
            log.info(
                    "Subscribed to {}; catching up on anything missed (applied {})",
                    cluster.changedChannel(),
                    reloader.applied());
            reloader.requestCatchUp();
            missed.announceNow(); // Redis answers again: what this node could not announce goes out now
        }
    }

    /** The rollout {@code id} as this node holds it (its candidates are fixed from its start), or null. */
    private ActiveRollout heldRollout(long id) {
        return reloader.snapshot().rollouts().stream()
                .filter(r -> r.id() == id)
                .findFirst()
                .orElse(null);
    }

    /** Applies the change's rows, or rings; under the reloader's lock already when on the receiving thread. */
    private void apply(Change change, long receivedNanos) {
        ChangeMessage message = change.message();
        DoorbellOutcome outcome =
                reloader.announced(message.revision(), change.rows(), signature.enabled(), CARRIED_LOCK_WAIT);
        received("catalog_changed", outcome.value());
        if (outcome == DoorbellOutcome.APPLIED_CARRIED) {
            hops.applied(receivedNanos);
        } else if (outcome == DoorbellOutcome.RANG) {
            log.debug(
                    "Doorbell: revision {} from {} (reload_id {})",
                    message.revision(),
                    message.originNode(),
                    message.reloadId());
        }
    }

    private void onReloadRequested(ReloadRequest request) {
        if (node.nodeId().equals(request.originNode())) {
            received("reload_requested", "own");
            return;
        }
        received("reload_requested", "accepted");
        try {
            reloads.execute(() -> {
                try {
                    reloader.reload(request);
                } catch (RuntimeException e) {
                    log.warn("Cluster reload {} from {} failed", request.reloadId(), request.originNode(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn(
                    "Too many reload requests queued: dropping reload_id {} from {}",
                    request.reloadId(),
                    request.originNode());
        }
    }

    /** WARN at most once per {@link #WARN_EVERY} (a flood of bad messages must not flood the log), else DEBUG. */
    private void refused(String format, Object... arguments) {
        long now = System.nanoTime();
        long next = nextWarnAt.get();
        if (now - next >= 0 && nextWarnAt.compareAndSet(next, now + WARN_EVERY.toNanos())) {
            log.warn(format, arguments);
        } else {
            log.debug(format, arguments);
        }
    }

    private void received(String type, String outcome) {
        Counter.builder("catalog.cluster.messages.received")
                .description("Messages received on the cluster's channels, by type and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
