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
 * Receives the cluster's messages. A change from another node that carries its rows is applied
 * right here, on the listener thread, without reading PostgreSQL, when this node is at exactly the
 * revision the rows apply to; any other (behind, no rows, the lock busy past {@link
 * #CARRIED_LOCK_WAIT}) rings for a catch-up. The reloader decides which, and alone decides whether
 * the revision is applied already. A
 * reload request from another node runs on {@code reloads}, off the
 * listener thread. Every (re)subscription to the doorbell channel requests a catch-up: pub/sub is
 * at-most-once, and whatever was published while this node was not subscribed is gone. Lettuce
 * re-subscribes after a reconnect and the container passes the confirmation on to this listener.
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

    /** At most one WARN per this long about refused messages; the rest at DEBUG. */
    static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final AtomicLong nextWarnAt = new AtomicLong(System.nanoTime());
    private final CatalogReloader reloader;
    private final ChangeMessageReader messages;
    private final MessageSignature signature;
    private final MissedAnnouncement missed;
    private final NodeIdentity node;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final Executor reloads;
    private final MeterRegistry registry;
    private final Counter subscriptions;
    private final PropagationHops hops;

    ClusterMessageListener(
            CatalogReloader reloader,
            ChangeMessageReader messages,
            MissedAnnouncement missed,
            NodeIdentity node,
            ClusterProperties cluster,
            ClusterJson json,
            Executor reloads,
            MeterRegistry registry) {
        this.reloader = reloader;
        this.messages = messages;
        this.missed = missed;
        this.signature = new MessageSignature(cluster.messageKey());
        this.node = node;
        this.cluster = cluster;
        this.json = json;
        this.reloads = reloads;
        this.registry = registry;
        this.subscriptions = Counter.builder("catalog.cluster.subscriptions")
                .description("(Re)subscriptions to the cluster's doorbell channel; each one catches up")
                .register(registry);
        this.hops = new PropagationHops(registry);
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        long receivedNanos = System.nanoTime();
        long receivedAtMicros = PropagationHops.nowMicros();
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        boolean changed = channel.equals(cluster.changedChannel());
        if (signature.enabled() && !signature.verify(message.getBody())) {
            received(changed ? "catalog_changed" : "reload_requested", "bad_signature");
            refused("Refusing a message on {} without a valid signature", channel);
            return;
        }
        try {
            if (changed) {
                onCatalogChanged(json.read(message.getBody(), ChangeMessage.class), receivedNanos, receivedAtMicros);
            } else if (channel.equals(cluster.reloadChannel())) {
                onReloadRequested(json.read(message.getBody(), ReloadRequest.class));
            }
        } catch (RuntimeException e) {
            received("unknown", "unreadable");
            log.warn("Ignoring an unreadable message on {}: {}", channel, e.toString());
        }
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
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

    private void onCatalogChanged(ChangeMessage message, long receivedNanos, long receivedAtMicros) {
        if (node.nodeId().equals(message.originNode())) {
            received("catalog_changed", "own");
            return;
        }
        hops.received(message, receivedAtMicros);
        RevisionRows rows = null;
        if (cluster.carriesChanges()) {
            try {
                rows = messages.rows(message, this::heldRollout);
            } catch (InvalidToolException e) {
                received("catalog_changed", "invalid_rows");
                refused(
                        "Not applying the rows of revision {}: {} (catching up from the database instead)",
                        message.revision(),
                        e.getMessage());
            }
        }
        DoorbellOutcome outcome = reloader.ring(message.revision(), rows, signature.enabled(), CARRIED_LOCK_WAIT);
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
