package io.toolcatalog.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolcatalog.client.CatalogChanged;
import io.toolcatalog.client.CatalogTool;
import io.toolcatalog.client.spring.CatalogChangedEvent;
import io.toolcatalog.client.spring.CatalogClientAutoConfiguration;
import io.toolcatalog.client.spring.CatalogClientHealthAutoConfiguration;
import io.toolcatalog.client.spring.CatalogClientMetrics;
import io.toolcatalog.client.spring.CatalogClientMetricsAutoConfiguration;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

/** An application using the starter against a real node: a change made through the node arrives as an event, health and meters follow. */
class CatalogClientStarterIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void aChangeThroughTheNodeArrivesAsAnEventWithHealthUpAndMetersCurrent() {
        Node node = TestNodes.alone("node-starter");
        String tool = "starter-" + UUID.randomUUID().toString().substring(0, 8);
        List<CatalogChanged> told = new CopyOnWriteArrayList<>();
        try (node) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(
                            CatalogClientAutoConfiguration.class,
                            CatalogClientHealthAutoConfiguration.class,
                            CatalogClientMetricsAutoConfiguration.class))
                    .withInitializer(context -> context.addApplicationListener(
                            (ApplicationListener<CatalogChangedEvent>) event -> told.add(event.change())))
                    .withPropertyValues(
                            "catalog.client.endpoints=" + node.baseUrl(), "spring.application.name=starter-it")
                    .run(context -> {
                        await().atMost(WITHIN).until(() -> !told.isEmpty());
                        assertThat(told.get(0).reset()).isTrue();

                        long revision = new NodeWrites(node.baseUrl()).create(tool, 1500);

                        await().atMost(WITHIN).until(() -> told.stream()
                                .anyMatch(c -> c.revision() == revision
                                        && c.changed().stream()
                                                .map(CatalogTool::name)
                                                .anyMatch(tool::equals)));
                        Health health = context.getBean("catalogClientHealthIndicator", HealthIndicator.class)
                                .health();
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails())
                                .containsEntry("connected", true)
                                .containsEntry("source", "node")
                                .containsEntry("revision", revision);
                        MeterRegistry meters = new SimpleMeterRegistry();
                        context.getBean(CatalogClientMetrics.class).bindTo(meters);
                        assertThat(meters.get("catalog.client.revision").gauge().value())
                                .isEqualTo((double) revision);
                        assertThat(meters.get("catalog.client.lag").gauge().value())
                                .isZero();
                        assertThat(meters.get("catalog.client.reconnects")
                                        .functionCounter()
                                        .count())
                                .isZero();
                    });
        }
    }
}
