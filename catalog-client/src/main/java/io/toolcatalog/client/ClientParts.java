package io.toolcatalog.client;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The working parts behind a {@link CatalogClient}, wired together, and their threads: the state
 * held, the HTTP client, the watch loop and its reader thread, the scheduler (cache file writes,
 * stall checks, reconciling, outcome reports), the listeners' threads. It reads the cache file at
 * start, starts the threads, and stops them all at close; the client answers its callers from the
 * parts.
 */
final class ClientParts {

    /** How long {@link #stop()} may spend sending the last outcome reports. */
    private static final Duration LAST_REPORT_BUDGET = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final String name;
    private final Listeners listeners;
    private final LocalCatalog catalog;
    private final CatalogHttp http;
    private final ScheduledExecutorService scheduler;
    private final CacheWriter cacheWriter;
    private final WatchLoop watch;
    private final Reconciler reconciler;
    private final OutcomeReporter reporter;
    private final StreamStatus stream = new StreamStatus();
    private volatile Thread reader;

    /** {@code name} is the prefix of the threads' names. */
    ClientParts(ClientSettings settings, String name) {
        this.settings = settings;
        this.name = name;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> ClientThreads.daemon(name + "-scheduler", r));
        this.http = new CatalogHttp(settings, name);
        this.reporter = new OutcomeReporter(http, this::currentNode, scheduler, settings.reportInterval());
        this.listeners = new Listeners(name, settings.listenerBacklog(), reporter::applyFailed);
        this.cacheWriter = settings.cacheFile() == null
                ? null
                : new CacheWriter(cacheFile(), this::state, scheduler, settings.cacheWriteDelay());
        this.catalog = new LocalCatalog(listeners, cacheWriter == null ? () -> {} : cacheWriter::changed);
        this.watch = new WatchLoop(settings, http, catalog, stream, this::reconcileSoon);
        this.reconciler = new Reconciler(http, catalog, watch);
    }

    LocalCatalog catalog() {
        return catalog;
    }

    StreamStatus stream() {
        return stream;
    }

    WatchLoop watch() {
        return watch;
    }

    OutcomeReporter reporter() {
        return reporter;
    }

    /**
     * Serves the cache file's state, if there is a cache file and it is readable; the first stream
     * then takes a full snapshot if the file held another consumer's view.
     *
     * @return the cache file, or {@code null} when none is configured
     */
    CacheFile loadCache() {
        CacheFile cacheFile = cacheWriter == null ? null : cacheFile();
        if (cacheFile != null) {
            cacheFile.read().ifPresent(cached -> {
                cacheWriter.holds(cached);
                catalog.replace(cached, "the cache file " + settings.cacheFile());
                if (cacheFile.heldAnotherConsumer()) {
                    watch.snapshotFirst();
                }
            });
        }
        return cacheFile;
    }

    /** Starts the reader thread, the stall checks, the periodic reconcile and the outcome reports. */
    void startThreads() {
        reader = ClientThreads.daemon(name + "-watch", watch);
        reader.start();
        long stallCheck = Math.max(100, settings.readTimeout().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(watch::dropIfStalled, stallCheck, stallCheck, TimeUnit.MILLISECONDS);
        long reconcile = settings.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(reconciler::reconcile, reconcile, reconcile, TimeUnit.MILLISECONDS);
        reporter.start();
    }

    /** Why the client has no cache file to serve from ({@code cacheFile} as {@link #loadCache()} returned it). */
    String noCacheReason(CacheFile cacheFile) {
        if (cacheFile == null) {
            return "no cache file is configured";
        }
        return cacheFile
                .unreadable()
                .map(reason -> "the cache file " + cacheFile.path() + " could not be used: " + reason)
                .orElse("there is no cache file at " + cacheFile.path() + " to serve from");
    }

    /** Stops following the catalog, sends the last reports, writes the cache file one last time and stops the threads. */
    void stop() {
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
        reporter.close(LAST_REPORT_BUDGET);
        if (cacheWriter != null) {
            cacheWriter.flush();
        }
        listeners.close();
        http.close();
    }

    private CatalogState state() {
        return catalog.state();
    }

    private CacheFile cacheFile() {
        return new CacheFile(
                settings.cacheFile(), settings.consumerId() + " " + ConsumerIds.labelsHeader(settings.labels()));
    }

    private URI currentNode() {
        return watch.currentEndpoint();
    }

    /** A rollout stepped: check the state and learn the view's name now rather than at the next interval. */
    private void reconcileSoon() {
        try {
            scheduler.execute(reconciler::reconcile);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
