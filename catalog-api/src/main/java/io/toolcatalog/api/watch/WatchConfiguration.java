package io.toolcatalog.api.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.security.BearerTokens;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.tool.CatalogLimits;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code /api/v1/watch} and {@code /api/v1/cluster/consumers}: the node's snapshot transitions
 * pushed to consumers. Two small thread pools serve every stream: the senders (writes never block
 * them) and one timer (heartbeats, consumer reports). With {@code catalog.watch.port} set, the
 * watch is also served on that port by {@link WatchPort}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
@Import({WatchController.class, ConsumersController.class})
public class WatchConfiguration {

    /** Events of the current snapshot kept rendered: one per filter and start point in use. */
    private static final int FRAME_CACHE_ENTRIES = 32;
    /** Distinct reads waiting for the read threads; past it a watcher gets a snapshot instead. */
    private static final int READ_QUEUE = 64;

    @Bean
    WatchMetrics watchMetrics() {
        return new WatchMetrics();
    }

    @Bean
    FrameCache watchFrames() {
        return new FrameCache(FRAME_CACHE_ENTRIES);
    }

    /** A reload handler: it must not need the reloader, which is built with every handler. */
    @Bean
    TransitionLog watchTransitions(WatchProperties settings, WatchMetrics watchMetrics, FrameCache watchFrames) {
        return new TransitionLog(settings.recentTransitions(), watchMetrics, watchFrames);
    }

    @Bean
    EventRenderer watchEventRenderer(ObjectMapper mapper, RenderedTools renderedTools, FrameCache watchFrames) {
        return new EventRenderer(mapper, renderedTools, watchFrames);
    }

    /** The watch stream's reads of PostgreSQL: on threads of their own, as many as its connections. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService watchReads(WatchProperties settings) {
        return fixedPool(settings.databaseConnections(), READ_QUEUE, "catalog-watch-read");
    }

    @Bean
    ChangeLogReads watchChangeLogReads(
            WatchDatabase database, ExecutorService watchReads, WatchProperties settings, WatchMetrics watchMetrics) {
        return new ChangeLogReads(
                database, watchReads, settings.maxChangeLogSpan(), settings.databaseTimeout(), watchMetrics);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService watchSender(WatchProperties settings) {
        return fixedPool(settings.senderThreads(), Integer.MAX_VALUE, "catalog-watch-send");
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService watchTimer() {
        ScheduledThreadPoolExecutor timer =
                new ScheduledThreadPoolExecutor(1, Threads.named("catalog-watch-timer", true));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Bean
    ConsumerTracker watchConsumers(
            ObjectProvider<ConsumerRegistry> registry,
            NodeIdentity node,
            Clock clock,
            WatchProperties settings,
            AppliedCatalog catalog,
            WatchMetrics watchMetrics) {
        return new ConsumerTracker(
                registry.getIfAvailable(() -> ConsumerRegistry.NONE),
                node,
                clock,
                settings,
                catalog::applied,
                watchMetrics);
    }

    @Bean
    WatchStreams watchStreams(
            WatchProperties settings,
            ScheduledExecutorService watchTimer,
            ConsumerTracker watchConsumers,
            WatchMetrics watchMetrics) {
        return new WatchStreams(settings, Scheduler.of(watchTimer), watchConsumers, watchMetrics);
    }

    @Bean
    WatchSessions watchSessions(
            AppliedCatalog catalog,
            ChangeLogReads watchChangeLogReads,
            TransitionLog watchTransitions,
            WatchStreams watchStreams,
            ConsumerTracker watchConsumers,
            EventRenderer watchEventRenderer,
            WatchMetrics watchMetrics,
            WatchProperties settings) {
        return new WatchSessions(
                new StartPoints(catalog, watchTransitions, watchChangeLogReads),
                watchStreams,
                new WatchConnections(watchEventRenderer, watchMetrics, watchConsumers),
                settings);
    }

    /** The watch port: only when {@code catalog.watch.port} is set. */
    @Bean
    @ConditionalOnProperty(prefix = "catalog.watch", name = "port")
    WatchPort watchPort(
            WatchSessions watchSessions,
            BearerTokens bearerTokens,
            WatchProperties settings,
            CatalogLimits limits,
            ObjectMapper mapper,
            AppliedCatalog catalog) {
        return new WatchPort(new WatchPort.Services(
                watchSessions, bearerTokens, settings, limits.namePattern(), new WatchPortResponses(mapper, catalog)));
    }

    private static ExecutorService fixedPool(int size, int queue, String name) {
        int threads = Math.max(1, size);
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(queue),
                Threads.named(name, true));
    }

    /** Without a shared registry the consumer list is this node's own (and says so). */
}
