package io.toolcatalog.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
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
 * Map<String, ToolProfile> grep = client.profiles().tools().get("grep");
 * }</pre>
 *
 * <p>Reads ({@link #profiles()}, {@link #tool(String)}, {@link #revision()}) never block and never
 * touch the network: they answer from one immutable state that the client swaps whole. The client
 * follows one node at a time; when that node fails or stops, it moves on to the next endpoint
 * (after a jittered, capped exponential backoff) and resumes from the revision it holds, so no
 * change is lost or applied twice. It runs on daemon threads named {@code catalog-client-N-…}: one
 * reader, one scheduler (cache file writes, stall checks, reconciling with {@code /profiles},
 * sending outcome reports), and one per listener. It logs through SLF4J. Instances are thread-safe.
 *
 * <p>Every request names the consumer ({@code X-Catalog-Consumer}, {@code
 * X-Catalog-Consumer-Labels}), so the nodes answer in this consumer's view of the catalog: during
 * a gradual rollout, a share of the consumers sees the new versions of its tools ({@link
 * #view()}). The pipeline tells how the tools it called fared with {@link #report(String,
 * Outcome)}; a rollout whose consumers fail more than the others stops by itself.
 */
public final class CatalogClient implements AutoCloseable {

    /** The view of a consumer that is in no rollout's cohort. */
    public static final String STABLE_VIEW = "stable";

    /** How a call of a tool went, as {@link #report(String, Outcome)} counts it. */
    public enum Outcome {
        /** The tool did its job. */
        SUCCESS,
        /** The tool failed (an error, a timeout, an unusable answer). */
        FAILURE
    }

    private static final Logger log = LoggerFactory.getLogger(CatalogClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ClientSettings settings;
    private final String name;
    private final ClientParts parts;
    private final LocalCatalog catalog;
    private final WatchLoop watch;
    private final OutcomeReporter reporter;
    private final StreamStatus stream;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    CatalogClient(ClientSettings settings) {
        this.settings = settings;
        this.name = "catalog-client-" + INSTANCES.incrementAndGet();
        this.parts = new ClientParts(settings, name);
        this.catalog = parts.catalog();
        this.watch = parts.watch();
        this.reporter = parts.reporter();
        this.stream = parts.stream();
    }

    /**
     * A builder; {@link CatalogClientBuilder#endpoints(URI...)} is the one setting without a default.
     *
     * @return a new builder
     */
    public static CatalogClientBuilder builder() {
        return new CatalogClientBuilder();
    }

    /**
     * Starts following the catalog and returns once the client has something to serve. With a
     * readable cache file that is at once, even with every node down (the client then catches up
     * from the file's revision in the background); without one, it is when the first snapshot
     * arrives from a node.
     *
     * @return this client
     * @throws IllegalStateException if there is no cache file to serve from and no node answered
     *     within the start timeout (the client is closed then; the message says whether no cache file
     *     is configured, none is there, or the one there could not be used and why), or if the client
     *     was started or closed before
     * @throws InterruptedException if the calling thread is interrupted while waiting (the client is closed then)
     */
    public CatalogClient start() throws InterruptedException {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " was already started or closed");
        }
        stream.started();
        CacheFile cacheFile = parts.loadCache();
        parts.startThreads();
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
                    + settings.startTimeout() + " and " + parts.noCacheReason(cacheFile));
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
     * Every tool of the catalog, disabled ones too, at the revision the client holds. Immutable;
     * never blocks.
     *
     * @return the tools view, empty at revision 0 before {@link #start()}
     */
    public CatalogTools tools() {
        CatalogState state = catalog.state();
        return state == null ? CatalogState.EMPTY.view() : state.view();
    }

    /**
     * Whether the client is live: the node it follows, whether its stream is open, where its state
     * came from, and how long ago a node was last heard from (the nodes send a heartbeat every
     * 15 s by default, so an age well past that means the client is not hearing from any node).
     *
     * @return the status now; never blocks
     */
    public CatalogClientStatus status() {
        CatalogState state = catalog.state();
        CatalogClientStatus.Source source = state == null
                ? CatalogClientStatus.Source.NONE
                : stream.heardFromNode() ? CatalogClientStatus.Source.NODE : CatalogClientStatus.Source.CACHE;
        return new CatalogClientStatus(
                watch.currentEndpoint(),
                stream.connected(),
                source,
                state == null ? 0 : state.revision(),
                stream.nodeRevision(),
                stream.sinceLastHeard(),
                stream.reconnects(),
                view(),
                reporter.counters());
    }

    /**
     * The view of the catalog the nodes serve this consumer, as they named it ({@code
     * X-Catalog-View}) for the revision held: {@value #STABLE_VIEW}, or {@code rollout=3} while
     * this consumer is in the cohort of rollout 3 ({@code rollout=3,rollout=5} for several). It
     * moves with the state: a change that moves the consumer into or out of a rollout is applied
     * (and told to the listeners) like any other, and the view's name follows.
     *
     * @return the view's name; {@value #STABLE_VIEW} until a node names another
     */
    public String view() {
        CatalogState state = catalog.state();
        return state == null || state.consumerView() == null ? STABLE_VIEW : state.consumerView();
    }

    /**
     * Counts one call of a tool and how it went. Counts are held in memory and sent to the nodes
     * together every {@code reportInterval} (10 s by default) and at {@link #close()}; a rollout
     * compares its cohort's failures with the other consumers' and stops itself when they fail
     * more. Never blocks and never throws: a send that fails keeps the counts for the next one,
     * and at most 1000 tools are held (outcomes of further tools are dropped and counted in {@link
     * #status()}).
     *
     * @param toolName the tool's name, as the catalog names it
     * @param outcome how the call went
     */
    public void report(String toolName, Outcome outcome) {
        if (toolName == null || outcome == null) {
            return;
        }
        reporter.count(toolName, outcome == Outcome.SUCCESS);
    }

    /**
     * One tool, disabled or not, as the client holds it now.
     *
     * @param name the tool's name
     * @return the tool, or empty when the catalog has no tool of that name
     */
    public Optional<CatalogTool> tool(String name) {
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
     * each and in revision order. A listener registered before {@link #start()} is told of the
     * first state too (the cache file's or the first snapshot's, as one change from revision 0
     * with {@code reset} set); one registered after {@code start()} is told only of the changes
     * after that, so it should read {@link #tools()} or {@link #profiles()} once for the state it
     * starts from. Each listener runs on its own thread with its own queue: one that throws is
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
        parts.stop();
        log.info("{} closed at revision {}", name, catalog.revision());
    }

    /** The prefix of this client's thread names. */
    String name() {
        return name;
    }
}
