package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code http_server_requests} on the scrape, tagged as dashboards read it: the matched route, the
 * resource handler's {@code /**} for an unknown path, the status and outcome of an error, and a
 * long poll once, with the status it answered.
 */
class RequestMetricsIT extends ApiTestSupport {

    private static final String OK_PROFILES =
            "error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/profiles\"";
    private static final String UNKNOWN_ROUTE =
            "error=\"none\",exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/**\"";
    private static final String TOOL_NOT_FOUND =
            "error=\"none\",exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/api/v1/tools/{name}\"";
    private static final String BAD_WRITE =
            "error=\"none\",exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/api/v1/tools\"";
    private static final String POLL_ANSWERED_204 =
            "error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"204\",uri=\"/api/v1/watch\"";
    private static final String POLL_AS_200 =
            "error=\"none\",exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/watch\"";

    @Test
    void countsEachReadOnceUnderItsRoute() {
        double before = count(OK_PROFILES);

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/profiles").token(READER).send().status())
                    .isEqualTo(200);
        }

        assertCounted(OK_PROFILES, before, 3);
    }

    @Test
    void tagsAnUnknownPathWithTheResourceHandlersPattern() {
        double before = count(UNKNOWN_ROUTE);

        assertThat(api.get("/api/v1/no-such-route").token(READER).send().status())
                .isEqualTo(404);
        assertThat(api.get("/no-such-route").send().status()).isEqualTo(404);

        assertCounted(UNKNOWN_ROUTE, before, 2);
    }

    @Test
    void tagsErrorsWithTheirStatusOutcomeAndRoute() {
        double notFound = count(TOOL_NOT_FOUND);
        double badWrite = count(BAD_WRITE);

        assertThat(api.get(TOOLS + "/" + unique("absent")).token(READER).send().status())
                .isEqualTo(404);
        assertThat(api.post(TOOLS).token(EDITOR).json("{").send().status()).isEqualTo(400);

        assertCounted(TOOL_NOT_FOUND, notFound, 1);
        assertCounted(BAD_WRITE, badWrite, 1);
    }

    @Test
    void countsALongPollOnceWithTheStatusItAnswered() {
        long now = api.get("/api/v1/profiles").token(READER).send().revisionHeader();
        double answered = count(POLL_ANSWERED_204);
        double as200 = count(POLL_AS_200);

        assertThat(api.get("/api/v1/watch?since=" + now + "&wait=1s")
                        .token(READER)
                        .header("Accept", "application/json")
                        .send()
                        .status())
                .isEqualTo(204);

        assertCounted(POLL_ANSWERED_204, answered, 1);
        assertThat(count(POLL_AS_200) - as200).isZero();
    }

    /** The filter records after the chain returns, possibly after the client has its answer. */
    private void assertCounted(String tags, double before, int requests) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(count(tags) - before).isEqualTo(requests));
    }

    /** The count of one series on the Prometheus scrape; 0 while it does not exist. */
    private double count(String tags) {
        String prefix = "http_server_requests_seconds_count{" + tags + "} ";
        return api.get("/actuator/prometheus")
                .token(ADMIN)
                .send()
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElse(0);
    }
}
