package io.toolcatalog.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Tool Catalog as a pipeline sees it: the whole catalog held in memory, kept current by the
 * nodes' watch stream, and kept on disk so the pipeline starts even when every node is down.
 *
 * <pre>{@code
 * CatalogClient client = CatalogClient.builder()
 *         .endpoints(URI.create("http://node-1:8080"), URI.create("http://node-2:8080"))
 *         .cacheFile(Path.of("/var/cache/pipeline/catalog.json"))
 *         .consumerId("ranking-pipeline")
 *         .build();
 * client.start();
 * Map<String, Profile> grep = client.profiles().tools().get("grep");
 * }</pre>
 *
 * <p>Reads ({@link #profiles()}, {@link #tool(String)}, {@link #revision()}) never block and never
 * touch the network: they answer from one immutable state that the client swaps whole. The client
 * follows one node at a time; when that node fails or stops, it moves on to the next endpoint
 * (after a jittered, capped exponential backoff) and resumes from the revision it holds, so no
 * change is lost or applied twice. It runs on daemon threads named {@code catalog-client-N-…}: one
 * reader, one scheduler (cache file writes, stall checks, reconciling with {@code /profiles}), and
 * one per listener. It logs through SLF4J. Instances are thread-safe.
 */
public final class CatalogClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ClientSettings settings;
    private final String name;
    private final Listeners listeners;
    private final LocalCatalog catalog;
    private final CatalogHttp http;
    private final ScheduledExecutorService scheduler;
    private final CacheWriter cacheWriter;
    private final WatchLoop watch;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread reader;

    private CatalogClient(ClientSettings settings) {
        this.settings = settings;
        this.name = "catalog-client-" + INSTANCES.incrementAndGet();
        this.listeners = new Listeners(name);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Threads.daemon(name + "-scheduler", r));
        this.cacheWriter = settings.cacheFile() == null
                ? null
                : new CacheWriter(
                        new CacheFile(settings.cacheFile()), this::state, scheduler, settings.cacheWriteDelay());
        this.catalog = new LocalCatalog(listeners, cacheWriter == null ? () -> {} : cacheWriter::changed);
        this.http = new CatalogHttp(settings, name);
        this.watch = new WatchLoop(settings, http, catalog);
    }

    /** A builder; {@link Builder#endpoints(URI...)} is the one setting without a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts following the catalog and returns once the client has something to serve. With a
     * readable cache file that is at once, even with every node down (the client then catches up
     * from the file's revision in the background); without one, it is when the first snapshot
     * arrives from a node.
     *
     * @return this client
     * @throws IllegalStateException if there is no cache file to serve from and no node answered
     *     within the start timeout (the client is closed then), or if the client was started or closed before
     * @throws InterruptedException if the calling thread is interrupted while waiting (the client is closed then)
     */
    public CatalogClient start() throws InterruptedException {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " was already started or closed");
        }
        if (cacheWriter != null) {
            new CacheFile(settings.cacheFile()).read().ifPresent(cached -> {
                cacheWriter.holds(cached);
                catalog.replace(cached, "the cache file " + settings.cacheFile());
            });
        }
        reader = Threads.daemon(name + "-watch", watch);
        reader.start();
        long stallCheck = Math.max(100, settings.readTimeout().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(watch::dropIfStalled, stallCheck, stallCheck, TimeUnit.MILLISECONDS);
        Reconciler reconciler = new Reconciler(http, catalog, watch);
        long reconcile = settings.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(reconciler::reconcile, reconcile, reconcile, TimeUnit.MILLISECONDS);
        boolean serving;
        try {
            serving = catalog.awaitServing(settings.startTimeout());
        } catch (InterruptedException e) {
            close();
            throw e;
        }
        if (!serving) {
            close();
            throw new IllegalStateException("No catalog node of " + settings.endpoints() + " answered within "
                    + settings.startTimeout() + " and there is no cache file to serve from");
        }
        log.info("{} serving revision {}, following {}", name, catalog.revision(), settings.endpoints());
        return this;
    }

    /**
     * Every enabled tool's profiles, as the nodes' {@code GET /api/v1/profiles} shows them, at the
     * revision the client holds. Immutable; never blocks.
     *
     * @return the profiles view, empty at revision 0 before {@link #start()}
     */
    public Profiles profiles() {
        CatalogState state = catalog.state();
        return state == null ? CatalogState.EMPTY.profiles() : state.profiles();
    }

    /**
     * One tool, disabled or not, as the client holds it now.
     *
     * @param name the tool's name
     * @return the tool, or empty when the catalog has no tool of that name
     */
    public Optional<Tool> tool(String name) {
        CatalogState state = catalog.state();
        return state == null ? Optional.empty() : state.tool(name);
    }

    /**
     * The catalog revision the client holds: every change up to it is applied, none after it.
     *
     * @return the revision, 0 before the client has any state
     */
    public long revision() {
        return catalog.revision();
    }

    /**
     * Waits until the client holds {@code revision} or a later one: after a write answered with
     * revision R ({@code X-Catalog-Revision}), {@code awaitRevision(R, …)} makes the client's next
     * reads show that write.
     *
     * @param revision the revision to wait for
     * @param timeout the longest wait
     * @return {@code true} once the revision is held, {@code false} if the wait ran out first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
        return catalog.awaitRevision(revision, timeout);
    }

    /**
     * Registers a listener that is told of every change the client applies from now on, once
     * each and in revision order (a state loaded by {@link #start()} counts as one change, from
     * revision 0). Each listener runs on its own thread with its own queue: one that throws is
     * logged and keeps being told, one that is slow only delays itself — neither holds up the
     * other listeners or the stream.
     *
     * @param listener what to run for each change
     * @return this client
     */
    public CatalogClient onChange(Consumer<CatalogChanged> listener) {
        catalog.onChange(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Stops following the catalog, writes the cache file one last time and stops the client's threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.close();
        Thread thread = reader;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        scheduler.shutdownNow();
        if (cacheWriter != null) {
            cacheWriter.flush();
        }
        listeners.close();
        http.close();
        log.info("{} closed at revision {}", name, catalog.revision());
    }

    private CatalogState state() {
        return catalog.state();
    }

    /** The prefix of this client's thread names. */
    String name() {
        return name;
    }

    /**
     * Collects a client's settings. Every setting but the endpoints has a default; durations must
     * be positive.
     */
    public static final class Builder {

        private List<URI> endpoints = List.of();
        private String token;
        private Path cacheFile;
        private String consumerId;
        private Duration reconcileInterval = Duration.ofMinutes(5);
        private Duration backoffInitial = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(45);
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration cacheWriteDelay = Duration.ofMillis(200);

        private Builder() {}

        /**
         * The nodes to follow, by base URI ({@code http://node-1:8080}); the client streams from
         * one and moves to the next when it fails. Required.
         *
         * @param endpoints one or more base URIs
         * @return this builder
         */
        public Builder endpoints(URI... endpoints) {
            this.endpoints = List.of(endpoints);
            return this;
        }

        /**
         * The bearer token sent to the nodes; none by default (reads are open unless a node says otherwise).
         *
         * @param token a token with the reader role or above
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * Where the client keeps the catalog on disk; none by default. With one, {@link
         * CatalogClient#start()} serves from it at once, even with every node down.
         *
         * @param cacheFile the file (its directory is created when missing)
         * @return this builder
         */
        public Builder cacheFile(Path cacheFile) {
            this.cacheFile = cacheFile;
            return this;
        }

        /**
         * The name the nodes list this client under (sent as {@code X-Catalog-Consumer}); by
         * default {@code java-<pid>-<host>}. Letters, digits, {@code .}, {@code _} and {@code -}, at most 128.
         *
         * @param consumerId the name
         * @return this builder
         */
        public Builder consumerId(String consumerId) {
            this.consumerId = Objects.requireNonNull(consumerId, "consumerId");
            return this;
        }

        /**
         * How often the client checks its state against the node's {@code /profiles}; 5 minutes by default.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder reconcileInterval(Duration interval) {
            this.reconcileInterval = positive(interval, "reconcileInterval");
            return this;
        }

        /**
         * The wait before reconnecting after a failure: it starts at {@code initial} and doubles
         * with each failure in a row up to {@code max}, each wait drawn at random between half and
         * all of that; 100 ms and 10 s by default.
         *
         * @param initial the first wait
         * @param max the longest wait
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = positive(initial, "backoff initial");
            this.backoffMax = positive(max, "backoff max");
            return this;
        }

        /**
         * How long connecting to a node may take; 2 s by default.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a stream may stay silent before the client drops it and reconnects (the nodes
         * send a heartbeat every 15 s by default); 45 s by default.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * How long {@link CatalogClient#start()} waits for a first snapshot when there is no cache
         * file to serve from; 30 s by default.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /**
         * Builds the client; it does nothing until {@link CatalogClient#start()}.
         *
         * @return a new client
         * @throws IllegalArgumentException if no endpoint was given
         */
        public CatalogClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint is needed");
            }
            return new CatalogClient(new ClientSettings(
                    endpoints,
                    token,
                    cacheFile,
                    consumerId == null ? defaultConsumerId() : consumerId,
                    reconcileInterval,
                    backoffInitial,
                    backoffMax,
                    connectTimeout,
                    readTimeout,
                    startTimeout,
                    cacheWriteDelay));
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        /** {@code java-<pid>-<host>}, in the characters a consumer id may hold (letters, digits, {@code . _ -}). */
        private static String defaultConsumerId() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
            String id = ("java-" + ProcessHandle.current().pid() + "-" + host).replaceAll("[^A-Za-z0-9._-]", "-");
            return id.length() > 128 ? id.substring(0, 128) : id;
        }
    }
}
