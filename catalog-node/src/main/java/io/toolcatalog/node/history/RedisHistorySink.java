package io.toolcatalog.node.history;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.node.cluster.ClusterJson;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.ClusterRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisPipelineException;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Appends this node's reload events to the cluster's stream ({@code XADD … MAXLEN ~ N}) and
 * counts them per node. The reloader's report thread only enqueues; one task on the history scheduler drains
 * the queue in order, in pipelined batches through the Redis circuit breaker. While Redis is down the events
 * wait (bounded) and are written when it returns. A batch that failed half-way is written again,
 * so an outage can duplicate an event but does not lose one (up to the bound).
 */
public final class RedisHistorySink implements ReloadEventListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisHistorySink.class);
    private static final int BATCH = 256;
    private static final Duration RETRY = Duration.ofMillis(100);

    private final StringRedisTemplate redis;
    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final CircuitBreaker breaker;
    private final HistoryQueue<ReloadEvent> queue;
    private final Scheduler scheduler;
    private final Object writing = new Object();
    private Scheduler.Cancellable writer;
    private volatile boolean running;
    private volatile boolean failing;

    public RedisHistorySink(ClusterRedis redis, Scheduler scheduler) {
        this.redis = redis.template();
        this.scheduler = scheduler;
        this.cluster = redis.cluster();
        this.json = redis.json();
        this.breaker = redis.breaker();
        this.queue = new HistoryQueue<>(cluster.historyQueueCapacity());
    }

    @Override
    public void onReloadEvent(ReloadEvent event) {
        if (queue.offer(event)) {
            long dropped = queue.dropped();
            if (dropped == 1 || dropped % 1000 == 0) {
                log.warn(
                        "Reload history queue full ({} events): dropped the oldest, {} dropped so far",
                        cluster.historyQueueCapacity(),
                        dropped);
            }
        }
    }

    /** This node's events not yet written to Redis, oldest first: readers merge them in. */
    List<ReloadEvent> pending() {
        return queue.values();
    }

    /** Events waiting for Redis. */
    public int queued() {
        return queue.size();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return queue.dropped();
    }

    @Override
    public synchronized void start() {
        running = true;
        writer = scheduler.scheduleWithFixedDelay(this::drain, Duration.ZERO, RETRY);
    }

    /** Gives queued events a last, short chance to reach Redis. */
    @Override
    public synchronized void stop() {
        running = false;
        if (writer != null) {
            writer.cancel();
            writer = null;
        }
        if (queue.size() > 0) {
            writeBatch();
        }
        if (queue.size() > 0) {
            log.warn("Stopping with {} reload events not written to Redis", queue.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Writes events as they arrive, in order, until a write fails: the scheduler runs it again
     * {@link #RETRY} later. Waits on the queue meanwhile, so an event goes out as soon as it comes.
     */
    private void drain() {
        try {
            while (running) {
                if (queue.awaitEntries(1000) && !writeBatch()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Reload history writer stopped until its next run: {}", cause(e));
        }
    }

    /** Writes the oldest batch; false when Redis did not take it. */
    private boolean writeBatch() {
        synchronized (writing) {
            return writeBatchLocked();
        }
    }

    /** One writer at a time (the drain, or the last chance at stop), so a batch is written once. */
    private boolean writeBatchLocked() {
        List<HistoryQueue.Entry<ReloadEvent>> batch = queue.peek(BATCH);
        if (batch.isEmpty()) {
            return true;
        }
        try {
            breaker.executeRunnable(() -> write(batch));
        } catch (CallNotPermittedException e) {
            return false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn(
                        "Reload history cannot reach Redis; {} events queued until it answers ({})",
                        queue.size(),
                        cause(e));
            }
            failing = true;
            return false;
        }
        queue.acknowledge(batch.get(batch.size() - 1).sequence());
        if (failing) {
            log.info("Reload history reaches Redis again; {} events still queued", queue.size());
            failing = false;
        }
        return true;
    }

    /**
     * What went wrong, in words: a pipeline reports only that it "contained one or more invalid
     * commands" whenever its commands failed, for whatever reason; the commands' own failures say
     * why (the connection refused, a timeout).
     */
    static String cause(Throwable error) {
        Throwable cause = error;
        if (error instanceof RedisPipelineException pipeline) {
            cause = pipeline.getPipelineResult().stream()
                    .filter(Throwable.class::isInstance)
                    .map(Throwable.class::cast)
                    .findFirst()
                    .orElse(pipeline.getCause() != null ? pipeline.getCause() : pipeline);
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private void write(List<HistoryQueue.Entry<ReloadEvent>> batch) {
        XAddOptions trim = XAddOptions.maxlen(cluster.historyMaxLength()).approximateTrimming(true);
        redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public Object execute(RedisOperations operations) {
                RedisOperations<String, String> ops = operations;
                for (HistoryQueue.Entry<ReloadEvent> entry : batch) {
                    ReloadEvent event = entry.value();
                    MapRecord<String, String, String> record =
                            StreamRecords.newRecord().in(cluster.eventsKey()).ofMap(Map.of("event", json.write(event)));
                    ops.opsForStream().add(record, trim);
                    ops.opsForHash().increment(cluster.countsKey(), event.nodeId() + ":total", 1);
                    ops.opsForHash()
                            .increment(
                                    cluster.countsKey(),
                                    event.nodeId() + (event.success() ? ":successful" : ":failed"),
                                    1);
                }
                // when this node last counted: its counters outlive it by the retention, no more
                ops.opsForZSet()
                        .add(
                                ReloadCountsRetention.seenKey(cluster),
                                batch.get(batch.size() - 1).value().nodeId(),
                                System.currentTimeMillis());
                return null;
            }
        });
    }

    /** Starts after the first load (its event waits queued) and stops after the web server, so late events still go out. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
