package io.toolcatalog.client.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code catalogClient} health component and the client's meters, following a node and serving from the cache file. */
class CatalogClientHealthAndMetricsTest {

    private final LoopbackNode node = LoopbackNode.at(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    CatalogClientAutoConfiguration.class,
                    CatalogClientHealthAutoConfiguration.class,
                    CatalogClientMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("catalog.client.start-timeout=10s");

    @TempDir
    Path dir;

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void isUpAndConnectedWhileFollowingANode() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri()).run(context -> {
            Health health = context.getBean("catalogClientHealthIndicator", HealthIndicator.class)
                    .health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("connected", true)
                    .containsEntry("source", "node")
                    .containsEntry("revision", 5L)
                    .containsEntry("view", "stable")
                    .containsKey("last_event_age");
        });
    }

    @Test
    void isUpFromTheCacheFileWithEveryNodeDownThenOutOfServicePastTheMaxStaleness() {
        Path cache = dir.resolve("catalog.json");
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.cache-file=" + cache)
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(cache).exists();
        node.close();

        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.cache-file=" + cache)
                .run(context -> {
                    Health health =
                            context.getBean(CatalogClientHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("connected", false)
                            .containsEntry("source", "cache")
                            .containsEntry("revision", 5L);
                });
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + node.uri(),
                        "catalog.client.cache-file=" + cache,
                        "catalog.client.max-staleness=300ms")
                .run(context -> {
                    CatalogClientHealthIndicator indicator = context.getBean(CatalogClientHealthIndicator.class);
                    await().until(() -> indicator.health().getStatus().equals(Status.OUT_OF_SERVICE));
                    assertThat(indicator.health().getDetails()).containsEntry("source", "cache");
                });
    }

    @Test
    void staysUpWithinTheMaxStalenessWhileANodeIsHeard() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.max-staleness=1h")
                .run(context -> assertThat(context.getBean(CatalogClientHealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.UP));
    }

    @Test
    void exposesTheRevisionLagAndReconnectsMeters() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri()).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("catalog.client.revision").gauge().value()).isEqualTo(5.0);
            assertThat(registry.get("catalog.client.lag").gauge().value()).isZero();
            assertThat(registry.get("catalog.client.reconnects")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("catalog.client.reports.sent")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("catalog.client.reports.dropped")
                            .functionCounter()
                            .count())
                    .isZero();
            assertThat(registry.get("catalog.client.reports.failed-sends")
                            .functionCounter()
                            .count())
                    .isZero();
        });
    }

    @Test
    void hasNoHealthComponentWithoutActuatorAndNoMetersWithoutMicrometer() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri())
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(CatalogClientHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(CatalogClientMetrics.class);
                });
    }
}
