package io.toolcatalog.node.testing;

import io.toolcatalog.testsupport.TestInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a Spring test context at a schema and a Redis prefix of its own, with known tokens:
 * {@code admin-token}, {@code editor-token}, {@code reader-token}.
 */
public final class CatalogTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String url = TestInfrastructure.newSchemaUrl();
        TestPropertyValues.of(TestNodes.properties(url, TestInfrastructure.newClusterName(), null))
                .applyTo(context);
    }
}
