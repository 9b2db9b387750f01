package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A token travels over https, or in clear only to this machine, unless the builder allows it. */
class TokenTransportTest {

    @Test
    void refusesToSendATokenInClearToAnotherMachine() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CatalogClient.builder()
                        .endpoints(URI.create("https://a.example"), URI.create("http://b.example:8080"))
                        .token("secret")
                        .build())
                .withMessageContaining("http://b.example:8080")
                .withMessageNotContaining("secret");
    }

    @Test
    void sendsItInClearWhenTheBuilderAllowsIt() {
        try (CatalogClient client = CatalogClient.builder()
                .endpoints(URI.create("http://b.example:8080"))
                .token("secret")
                .allowInsecure()
                .build()) {
            assertThat(client).isNotNull();
        }
    }

    @Test
    void httpsLoopbackOrNoTokenNeedsNothing() {
        for (String endpoint :
                new String[] {"https://a.example", "http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"
                }) {
            assertThat(TokenTransport.safe(URI.create(endpoint))).as(endpoint).isTrue();
        }
        assertThat(TokenTransport.safe(URI.create("http://10.0.0.1:8080"))).isFalse();
        assertThat(TokenTransport.safe(URI.create("http://127.example:8080"))).isFalse();
        try (CatalogClient client = CatalogClient.builder()
                .endpoints(URI.create("http://b.example:8080"))
                .build()) {
            assertThat(client).isNotNull();
        }
    }
}
