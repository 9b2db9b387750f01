package io.toolcatalog.client.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.client.CatalogClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code catalog.client.allow-insecure}: a token goes over plain http to another machine only when
 * it is set. The node "elsewhere" is a name nobody answers for; the client serves from its cache.
 */
class CatalogClientAllowInsecureTest {

    private static final String ELSEWHERE = "http://catalog-node.invalid:8080";

    private final LoopbackNode node = LoopbackNode.at(5);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CatalogClientAutoConfiguration.class))
            .withPropertyValues("catalog.client.start-timeout=10s");

    @TempDir
    Path dir;

    private Path cache;

    @BeforeEach
    void writeACacheFile() {
        cache = dir.resolve("catalog.json");
        runner.withPropertyValues("catalog.client.endpoints=" + node.uri(), "catalog.client.cache-file=" + cache)
                .run(context -> await().until(() -> Files.exists(cache)));
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void refusesToSendTheTokenInClearToAnotherMachineByDefault() {
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + ELSEWHERE,
                        "catalog.client.token=s3cret",
                        "catalog.client.cache-file=" + cache)
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("allowInsecure"));
    }

    @Test
    void sendsItWhenAllowInsecureIsSet() {
        runner.withPropertyValues(
                        "catalog.client.endpoints=" + ELSEWHERE,
                        "catalog.client.token=s3cret",
                        "catalog.client.cache-file=" + cache,
                        "catalog.client.allow-insecure=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CatalogClient.class).revision()).isEqualTo(5);
                });
    }
}
