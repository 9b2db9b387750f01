package io.toolcatalog.api.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.reload.AppliedCatalog;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code /api/v1/watch} and {@code /api/v1/cluster/consumers}: the node's snapshot transitions
 * pushed to consumers. Two small thread pools serve every stream: the senders (writes never block
 * them) and one timer (heartbeats, consumer reports).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
@Import({WatchController.class, ConsumersController.class})
public class WatchConfiguration {

    @Bean
    WatchMetrics watchMetrics() {
        return new WatchMetrics();
    }

    /** A reload handler: it must not need the reloader, which is built with every handler. */
    @Bean
    TransitionLog watchTransitions(WatchProperties settings, WatchMetrics watchMetrics) {
        return new TransitionLog(settings.recentTransitions(), watchMetrics);
    }

    @Bean
    EventRenderer watchEventRenderer(ObjectMapper mapper, RenderedTools renderedTools) {
        return new EventRenderer(mapper, renderedTools);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService watchSender(WatchProperties settings) {
        int threads = Math.max(1, settings.senderThreads());
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                Threads.named("catalog-watch-send", true));
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
                registry.getIfAvailable(() -> NO_REGISTRY),
                node,
                clock,
                settings.consumerTtl(),
                settings.maxConsumersPerNode(),
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

    /** Without a shared registry the consumer list is this node's own (and says so). */
    private static final ConsumerRegistry NO_REGISTRY = new ConsumerRegistry() {
        @Override
        public Refusals report(Collection<ConsumerPosition> positions) {
            return Refusals.NONE;
        }

        @Override
        public Page consumers(String cursor, int limit) {
            throw new IllegalStateException("no cluster consumer registry");
        }
    };
}
