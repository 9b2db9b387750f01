package io.toolcatalog.node.cluster;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.RedisClusterPubSubAdapter;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.toolcatalog.core.concurrent.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.Disposable;

/**
 * The cluster's channels in a Redis Cluster, by sharded pub/sub ({@code SSUBSCRIBE}): each channel
 * is subscribed on the master that holds its slot. Lettuce resubscribes a connection that drops and
 * comes back, but not on another node, so when a slot's master fails and its replica is promoted the
 * subscription would stay with the dead one. This follows the slot instead: on every topology change
 * Lettuce sees, and every {@code checkEvery} besides, each channel whose slot has another master, or
 * whose connection is down, is subscribed again on the slot's master now. Each subscription
 * confirmed (ours or Lettuce's) is a resubscription to the listener, which catches up on what was
 * missed meanwhile. Messages go to the listener on the thread that received them, in the order they
 * came; the listener decides where each is handled.
 */
final class ShardedSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShardedSubscription.class);

    private final LettuceConnectionFactory connections;
    private final List<String> channels;
    private final MessageListener listener;
    private final SubscriptionListener subscriptions;
    private final ScheduledExecutorService scheduler;
    private final Duration checkEvery;
    /** Channel → the node it is subscribed on. */
    private final Map<String, String> subscribedOn = new ConcurrentHashMap<>();

    private StatefulRedisClusterPubSubConnection<byte[], byte[]> connection;
    private Scheduler.Cancellable checking;
    private Disposable topologyChanges;
    private volatile boolean running;

    <L extends MessageListener & SubscriptionListener> ShardedSubscription(
            LettuceConnectionFactory connections,
            List<String> channels,
            L listener,
            ScheduledExecutorService scheduler,
            Duration checkEvery) {
        this.connections = connections;
        this.channels = List.copyOf(channels);
        this.listener = listener;
        this.subscriptions = listener;
        this.scheduler = scheduler;
        this.checkEvery = checkEvery;
    }

    /** Connects and subscribes every channel; throws when the cluster cannot be reached (the caller retries). */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        RedisClusterClient client = (RedisClusterClient) connections.getRequiredNativeClient();
        StatefulRedisClusterPubSubConnection<byte[], byte[]> opened = client.connectPubSub(ByteArrayCodec.INSTANCE);
        opened.setNodeMessagePropagation(true);
        opened.addListener(new RedisClusterPubSubAdapter<>() {
            @Override
            public void smessage(RedisClusterNode node, byte[] channel, byte[] message) {
                listener.onMessage(new DefaultMessage(channel, message), null);
            }

            @Override
            public void ssubscribed(RedisClusterNode node, byte[] channel, long count) {
                subscriptions.onChannelSubscribed(channel, count);
            }
        });
        connection = opened;
        subscribedOn.clear();
        try {
            check();
        } catch (RuntimeException e) {
            opened.closeAsync();
            connection = null;
            throw e;
        }
        running = true;
        topologyChanges = client.getResources()
                .eventBus()
                .get()
                .filter(ClusterTopologyChangedEvent.class::isInstance)
                .subscribe(event -> scheduler.execute(this::checkQuietly));
        checking = Scheduler.of(scheduler).scheduleWithFixedDelay(this::checkQuietly, checkEvery, checkEvery);
    }

    private synchronized void checkQuietly() {
        if (!running) {
            return;
        }
        try {
            check();
        } catch (RuntimeException e) {
            log.debug("Sharded subscriptions not all in place yet: {}", e.toString());
        }
    }

    /** Subscribes each channel not subscribed on its slot's master now (over an open connection). */
    private void check() {
        for (String channel : channels) {
            byte[] name = channel.getBytes(StandardCharsets.UTF_8);
            RedisClusterNode master = connection.getPartitions().getMasterBySlot(SlotHash.getSlot(name));
            if (master == null) {
                continue; // the slot has no master right now: the next topology change will tell
            }
            String was = subscribedOn.get(channel);
            if (master.getNodeId().equals(was) && isOpen(was)) {
                continue;
            }
            connection.getConnection(master.getNodeId()).sync().ssubscribe(name);
            subscribedOn.put(channel, master.getNodeId());
            if (was != null) {
                log.info("Channel {} moved to {}: subscribed there", channel, master.getUri());
            }
        }
    }

    private boolean isOpen(String nodeId) {
        try {
            StatefulRedisPubSubConnection<byte[], byte[]> node = connection.getConnection(nodeId);
            return node.isOpen();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (checking != null) {
            checking.cancel();
            checking = null;
        }
        if (topologyChanges != null) {
            topologyChanges.dispose();
            topologyChanges = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** {@code ListenerStarter} starts it. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }
}
