package io.toolcatalog.bench.cluster;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ChangeMessageReader;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.DoorbellOutcome;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Light nodes inside the harness's JVM: each is the core's {@link CatalogReloader} over the core's
 * {@link CatalogReads} (all sharing one small connection pool and four catch-up threads), with a
 * pub/sub connection of its own to the cluster's doorbell channel, handling a message as a node's
 * listener does: a peer's change carrying rows is applied without reading PostgreSQL when the node
 * is at exactly {@code from_revision}, anything else rings for a catch-up (the node's SQL). What
 * they leave out: the HTTP server, the revision poll, heartbeats, the history stream and the
 * reloader's log line per reload.
 */
public final class SimulatedNodes implements AutoCloseable {

    /** How long a simulated node waits for its reloader's lock to apply rows, as a node does. */
    private static final Duration CARRIED_LOCK_WAIT = Duration.ofMillis(5);

    /** Read as a node reads its cluster's messages: snake_case, ISO instants, unknown fields ignored. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Validates carried rows as a node's listener does. */
    private static final ChangeMessageReader ROWS =
            new ChangeMessageReader(new ToolValidator(CatalogLimits.defaults(), new ToolJson()), new ToolJson());

    private final HikariDataSource pool;
    private final ThreadCpu cpu = new ThreadCpu();
    private final ExecutorService catchUps = Executors.newFixedThreadPool(
            4,
            task -> new Thread(() -> {
                cpu.register();
                task.run();
            }));
    private final RedisClient redis;
    private final List<Simulated> nodes = new ArrayList<>();
    private final AtomicLong carriedApplies = new AtomicLong();
    private final AtomicLong rang = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    /** Per carried message and simulated node, in µs: commit → publish, publish → receive, receive → applied. */
    private final Histogram[] hops = {newHistogram(), newHistogram(), newHistogram()};

    private SimulatedNodes(String jdbcUrl, String redisUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setPoolName("simulated-nodes");
        this.pool = new HikariDataSource(config);
        this.redis = RedisClient.create(redisUrl);
    }

    /** {@code count} loaded nodes, each subscribed to {@code clusterName}'s doorbell channel. */
    public static SimulatedNodes start(String jdbcUrl, String redisUrl, String clusterName, int count) {
        // a node writes its line per reload to its own log file; a hundred of them on the harness's
        // console would cost more than the applies measured
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CatalogReloader.class)).setLevel(Level.WARN);
        SimulatedNodes sim = new SimulatedNodes(jdbcUrl, redisUrl);
        try {
            CatalogReads reads = new CatalogReads(
                    new JdbcTemplate(sim.pool), new ToolJson(), new DataSourceTransactionManager(sim.pool));
            byte[] channel = (clusterName + ":catalog-changed").getBytes(StandardCharsets.UTF_8);
            for (int i = 1; i <= count; i++) {
                sim.nodes.add(sim.new Simulated(clusterName + "-sim" + i, reads, channel));
            }
            return sim;
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    int size() {
        return nodes.size();
    }

    /** Each node's first-seen time per applied revision (from its reload events). */
    public Map<String, Map<Long, Instant>> firstSeen() {
        Map<String, Map<Long, Instant>> seen = new ConcurrentHashMap<>();
        nodes.forEach(n -> seen.put(n.id, n.seen));
        return seen;
    }

    /** Waits until every simulated node has applied {@code revision}; false on timeout. */
    public boolean awaitApplied(long revision, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.stream().allMatch(n -> n.reloader.applied() >= revision)) {
                return true;
            }
            LockSupport.parkNanos(100_000); // not a spin: the harness shares two cores with the nodes
        }
        return false;
    }

    /** The hops of the carried messages applied so far (commit → publish, publish → receive, receive → applied). */
    public List<Histogram> hops() {
        synchronized (hops) {
            return List.of(hops[0].copy(), hops[1].copy(), hops[2].copy());
        }
    }

    /** Forgets the hops recorded so far (the warm-up's). */
    public void resetHops() {
        synchronized (hops) {
            for (Histogram h : hops) {
                h.reset();
            }
        }
    }

    private static Histogram newHistogram() {
        return new Histogram(Duration.ofMinutes(1).toNanos() / 1000, 3);
    }

    private void recordHops(ChangeMessage message, long receivedAtMicros, long receivedNanos) {
        long applied = (System.nanoTime() - receivedNanos) / 1000;
        synchronized (hops) {
            if (message.publishedAt() != null && message.committedAt() != null) {
                record(hops[0], message.publishedAt() - micros(message.committedAt()));
                record(hops[1], receivedAtMicros - message.publishedAt());
            }
            record(hops[2], applied);
        }
    }

    private static void record(Histogram h, long micros) {
        h.recordValue(Math.max(0, Math.min(micros, h.getHighestTrackableValue())));
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /** Messages applied from their carried rows, over all simulated nodes. */
    public long carriedApplies() {
        return carriedApplies.get();
    }

    /** Messages received on the change channel, over all simulated nodes: Redis's deliveries to them. */
    public long received() {
        return received.get();
    }

    /**
     * CPU used so far by the threads that handle the nodes' messages and catch-ups (Lettuce's I/O
     * threads of these nodes' client, the catch-up pool): read differences.
     */
    public long cpuNanos() {
        return cpu.nanos();
    }

    /** Messages that rang for a catch-up instead, over all simulated nodes. */
    public long rang() {
        return rang.get();
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.connection.close());
        redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        catchUps.shutdownNow();
        pool.close();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(CatalogReloader.class)).setLevel(null);
    }

    private final class Simulated implements ReloadEventListener {

        private final String id;
        private final CatalogReloader reloader;
        private final StatefulRedisPubSubConnection<byte[], byte[]> connection;
        private final Map<Long, Instant> seen = new ConcurrentHashMap<>();

        Simulated(String id, CatalogReads reads, byte[] channel) {
            this.id = id;
            this.reloader = new CatalogReloader(
                    reads,
                    List.of(),
                    List.of(this),
                    new NodeIdentity(id, "http://127.0.0.1", Instant.now()),
                    SyncProperties.defaults(),
                    Clock.systemUTC(),
                    catchUps,
                    Sleeper.real());
            if (!reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, id, "Initial load"))
                    .success()) {
                throw new IllegalStateException(id + ": first load failed");
            }
            this.connection = redis.connectPubSub(ByteArrayCodec.INSTANCE);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] from, byte[] body) {
                    onMessage(body);
                }
            });
            connection.sync().subscribe(channel);
            reloader.catchUp(); // as a node does on subscribing (there on its catch-up thread): anything missed
        }

        /** As the node's listener handles a change message. */
        private void onMessage(byte[] body) {
            long receivedNanos = System.nanoTime();
            received.incrementAndGet();
            cpu.register();
            long receivedAtMicros = micros(Instant.now());
            ChangeMessage message;
            try {
                message = JSON.readValue(body, ChangeMessage.class);
            } catch (IOException e) {
                return;
            }
            if (id.equals(message.originNode())) {
                return;
            }
            DoorbellOutcome outcome;
            try {
                outcome = reloader.announced(message.revision(), ROWS.rows(message), true, CARRIED_LOCK_WAIT);
            } catch (RuntimeException e) {
                outcome = reloader.announced(message.revision(), null, true, CARRIED_LOCK_WAIT);
            }
            if (outcome == DoorbellOutcome.APPLIED_CARRIED) {
                carriedApplies.incrementAndGet();
                recordHops(message, receivedAtMicros, receivedNanos);
            } else if (outcome == DoorbellOutcome.RANG) {
                rang.incrementAndGet();
            }
        }

        @Override
        public void onReloadEvent(ReloadEvent event) {
            if (!event.success() || event.revision() - event.fromRevision() > 10_000) {
                return;
            }
            for (long r = event.fromRevision() + 1; r <= event.revision(); r++) {
                seen.merge(r, event.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
    }
}
