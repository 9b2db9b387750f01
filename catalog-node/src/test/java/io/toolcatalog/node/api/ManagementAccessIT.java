package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Management endpoints on the API port: metrics need an admin token or the metrics token, health
 * probes stay open for load balancers and Kubernetes.
 */
@TestPropertySource(properties = "catalog.security.metrics-token=" + ManagementAccessIT.METRICS_TOKEN)
class ManagementAccessIT extends ApiTestSupport {

    static final String METRICS_TOKEN = "scrape-token";

    @Test
    void prometheusAndMetricsAre401WithoutAToken() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator", "/actuator/info"}) {
            Api.Reply reply = api.get(path).send();

            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.header("WWW-Authenticate")).contains("Bearer");
            assertThat(reply.body()).doesNotContain("catalog_");
        }
    }

    @Test
    void theMetricsTokenAndAdminTokensMayScrape() {
        Api.Reply withMetricsToken =
                api.get("/actuator/prometheus").token(METRICS_TOKEN).send();
        Api.Reply withAdmin = api.get("/actuator/prometheus").token(ADMIN).send();

        assertThat(withMetricsToken.status()).isEqualTo(200);
        assertThat(withMetricsToken.body()).contains("catalog_reload_duration_seconds");
        assertThat(withAdmin.status()).isEqualTo(200);
        assertThat(api.get("/actuator/metrics").token(METRICS_TOKEN).send().status())
                .isEqualTo(200);
    }

    @Test
    void otherRolesAndWrongTokensMayNot() {
        assertThat(api.get("/actuator/prometheus").token(READER).send().status())
                .isEqualTo(403);
        assertThat(api.get("/actuator/prometheus").token(EDITOR).send().status())
                .isEqualTo(403);
        assertThat(api.get("/actuator/prometheus").token("wrong").send().status())
                .isEqualTo(401);
    }

    @Test
    void theMetricsTokenOpensNothingElse() {
        Api.Reply write = api.post(TOOLS)
                .token(METRICS_TOKEN)
                .json(toolJson(unique("m"), "d"))
                .send();

        assertThat(write.status()).isEqualTo(401);
    }

    @Test
    void healthProbesStayOpen() {
        assertThat(api.get("/actuator/health").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").send().status()).isIn(200, 503);
    }
}
