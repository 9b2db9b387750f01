package io.toolcatalog.node.robustness;

import static org.awaitility.Awaitility.await;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Once faults stopped and everything is back, every node reaches the database's revision and shows
 * exactly the database's catalog there ({@code /tools} and {@code /profiles}).
 */
final class ConvergenceCheck {

    static final String PROPERTY = "every node converges to the database";

    private ConvergenceCheck() {}

    static List<Violation> check(List<NodeProcess> nodes, DatabaseHistory history, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        List<Violation> violations = new ArrayList<>();
        for (NodeProcess node : nodes) {
            AtomicReference<String> last = new AtomicReference<>("no answer yet");
            try {
                await(node.id() + " converged")
                        .atMost(timeout)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            last.set(problem(http, node, history));
                            return last.get() == null;
                        });
            } catch (ConditionTimeoutException e) {
                violations.add(new Violation(
                        PROPERTY,
                        null,
                        node.id() + " still differs after " + timeout.toSeconds() + " s: " + last.get()));
            }
        }
        return violations;
    }

    private static String problem(HttpClient http, NodeProcess node, DatabaseHistory history) {
        String tools = read(http, node, "/api/v1/tools?limit=1000", history, true);
        return tools != null ? tools : read(http, node, "/api/v1/profiles", history, false);
    }

    private static String read(HttpClient http, NodeProcess node, String path, DatabaseHistory history, boolean list) {
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return path + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        long revision = r.headers()
                .firstValue("X-Catalog-Revision")
                .map(Long::parseLong)
                .orElse(-1L);
        if (r.statusCode() != 200 || revision != history.revision()) {
            return path + " answered " + r.statusCode() + " at revision " + revision + ", database at "
                    + history.revision();
        }
        var body = ToolDocuments.parse(r.body());
        var catalog = history.settledAt(revision);
        String problem = list
                ? ReadsMatchHistoryCheck.listProblem(body, catalog, revision)
                : ReadsMatchHistoryCheck.profilesProblem(body, catalog, revision);
        return problem == null ? null : path + " " + problem;
    }
}
