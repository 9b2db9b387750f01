package io.toolcatalog.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests the client sends — the watch stream, {@code /profiles}, outcome reports — each with
 * its token, its consumer id and its labels, so every answer is in this consumer's view.
 */
final class CatalogHttp {

    static final String CONSUMER_HEADER = "X-Catalog-Consumer";
    static final String LABELS_HEADER = "X-Catalog-Consumer-Labels";
    static final String VIEW_HEADER = "X-Catalog-View";
    static final String REPORTS_PATH = "/api/v1/consumers/reports";
    /** How long sending a report may take: short, so {@code close()} is never held up for long. */
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final ExecutorService executor;
    private final HttpClient client;

    CatalogHttp(ClientSettings settings, String threadPrefix) {
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(
                runnable -> ClientThreads.daemon(threadPrefix + "-http-" + threads.incrementAndGet(), runnable));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(executor)
                .build();
    }

    HttpClient client() {
        return client;
    }

    /** The watch stream from {@code since}, or from a snapshot when {@code since} is negative. */
    HttpRequest watch(URI endpoint, long since) {
        String query = since < 0 ? "" : "?since=" + since;
        return request(endpoint, "/api/v1/watch" + query)
                .header("Accept", "text/event-stream")
                .timeout(settings.connectTimeout().plus(settings.readTimeout()))
                .build();
    }

    /** {@code /profiles}, answered 304 while it still has {@code etag} (when not {@code null}). */
    HttpRequest profiles(URI endpoint, String etag) {
        HttpRequest.Builder request = request(endpoint, "/api/v1/profiles")
                .header("Accept", "application/json")
                .timeout(settings.connectTimeout().plus(settings.readTimeout()));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return request.build();
    }

    /** {@code POST /consumers/reports} with {@code body} (JSON). */
    HttpRequest reports(URI endpoint, byte[] body) {
        return request(endpoint, REPORTS_PATH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(REPORT_TIMEOUT)
                .build();
    }

    void close() {
        executor.shutdownNow();
    }

    private HttpRequest.Builder request(URI endpoint, String path) {
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).header(CONSUMER_HEADER, settings.consumerId());
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        if (!settings.labels().isEmpty()) {
            request.header(LABELS_HEADER, ConsumerIds.labelsHeader(settings.labels()));
        }
        return request;
    }
}
