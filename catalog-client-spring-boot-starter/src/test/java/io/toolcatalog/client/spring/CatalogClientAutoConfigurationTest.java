package io.toolcatalog.client.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.client.CatalogChanged;
import io.toolcatalog.client.CatalogClient;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The starter's client bean: when it exists, how the properties set it up, its start and stop, its events. */
class CatalogClientAutoConfigurationTest {

    private final LoopbackNode node = LoopbackNode.at(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CatalogClientAutoConfiguration.class))
            .withPropertyValues("catalog.client.start-timeout=10s");

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void createsNoClientWithoutEndpoints() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CatalogClient.class);
            assertThat(context).doesNotHaveBean(CatalogClientLifecycle.class);
        });
    }

    @Test
    void startsAClientFromTheEndpointsWrittenAsAList() {
        runner.withPropertyValues("catalog.client.endpoints[0]=" + node.uri()).run(context -> {
            assertThat(context).hasSingleBean(CatalogClient.class);
            assertThat(context.getBean(CatalogClient.class).revision()).isEqualTo(5);
        });
    }

    @Test
    void namesItselfByTheSpringApplicationNameAndSendsItsTokenAndLabels() throws Exception {
        String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + node.uri(),
                        "catalog.client.token=s3cret",
                        "catalog.client.labels=region=eu-west, tier=gold",
                        "spring.application.name=orders")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(node.firstWatchHeader("X-Catalog-Consumer")).isEqualTo("orders-" + host);
                    assertThat(node.firstWatchHeader("Authorization")).isEqualTo("Bearer s3cret");
                    assertThat(node.firstWatchHeader("X-Catalog-Consumer-Labels"))
                            .isEqualTo("region=eu-west,tier=gold");
                });
    }

    @Test
    void anExplicitConsumerIdWinsOverTheApplicationName() {
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + node.uri(),
                        "catalog.client.consumer-id=orders-blue",
                        "catalog.client.application-name=ignored")
                .run(context ->
                        assertThat(node.firstWatchHeader("X-Catalog-Consumer")).isEqualTo("orders-blue"));
    }

    @Test
    void failsToStartNamingTheLabelsPropertyWhenAnEntryIsNotKeyEqualsValue() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.labels=region")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("catalog.client.labels"));
    }

    @Test
    void sendsTheConsumerLabelsMapWithTheLabelsSortedByKey() {
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + node.uri(),
                        "catalog.client.labels=tier=gold,region=us",
                        "catalog.client.consumer-labels.zone=b-1",
                        "catalog.client.consumer-labels.region=eu")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(node.firstWatchHeader("X-Catalog-Consumer-Labels"))
                            .isEqualTo("region=eu,tier=gold,zone=b-1");
                });
    }

    @Test
    void failsToStartNamingTheLabelTheNodesWouldRefuse() {
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + node.uri(), "catalog.client.consumer-labels.team=search/ranking")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("catalog.client.consumer-labels")
                        .hasMessageContaining("'team'"));
    }

    @Test
    void sendsTheReportedOutcomesEveryReportInterval() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.report-interval=100ms")
                .run(context -> {
                    CatalogClient client = context.getBean(CatalogClient.class);
                    client.report("grep", CatalogClient.Outcome.SUCCESS);
                    client.report("grep", CatalogClient.Outcome.FAILURE);

                    await().until(() -> !node.reports().isEmpty());
                    assertThat(node.reports().get(0)).isEqualTo("{\"tools\":{\"grep\":{\"success\":1,\"failure\":1}}}");
                });
    }

    @Test
    void reportsAnEventListenerThatThrowsAsAnApplyFailure() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.report-interval=1h")
                .withUserConfiguration(Throwing.class)
                .run(context -> {
                    await().until(() -> !node.reports().isEmpty());
                    assertThat(node.reports().get(0))
                            .contains("\"apply_failures\":[{\"revision\":5,\"tool\":\"grep\"")
                            .contains("java.lang.IllegalStateException: cannot load grep");
                });
    }

    @Test
    void startsAndClosesTheApplicationsOwnClient() {
        CatalogClient own = CatalogClient.builder().endpoints(node.uri()).build();
        runner.withBean(CatalogClient.class, () -> own).run(context -> {
            assertThat(context).getBean(CatalogClient.class).isSameAs(own);
            assertThat(own.revision()).isEqualTo(5);
            context.close();
            assertThat(own.status().connected()).isFalse();
        });
    }

    @Test
    void publishesTheFirstStateThenEveryChangeAsEvents() {
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri())
                .withUserConfiguration(ChangeRecorder.class)
                .run(context -> {
                    List<CatalogChanged> told = context.getBean(ChangeRecorder.class).changes;
                    await().until(() -> told.size() == 1);
                    assertThat(told.get(0).reset()).isTrue();
                    assertThat(told.get(0).revision()).isEqualTo(5);

                    node.emitChangeAdding("awk");

                    await().until(() -> told.size() == 2);
                    assertThat(told.get(1).fromRevision()).isEqualTo(5);
                    assertThat(told.get(1).changed()).extracting("name").containsExactly("awk");
                });
    }

    @Test
    void closesTheClientWithTheContext() {
        CatalogClient[] client = new CatalogClient[1];
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri()).run(context -> {
            client[0] = context.getBean(CatalogClient.class);
            await().until(() -> client[0].status().connected());
        });
        await().until(() -> !client[0].status().connected());
    }

    @Configuration(proxyBeanMethods = false)
    static class Throwing {

        @EventListener
        void on(CatalogChangedEvent event) {
            throw new IllegalStateException("cannot load grep");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ChangeRecorder {

        final List<CatalogChanged> changes = new CopyOnWriteArrayList<>();

        @EventListener
        void on(CatalogChangedEvent event) {
            changes.add(event.change());
        }
    }
}
