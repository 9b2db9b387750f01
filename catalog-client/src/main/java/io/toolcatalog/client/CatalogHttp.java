package io.toolcatalog.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The requests the client sends: the watch stream and {@code /profiles}, with its token and consumer id. */
final class CatalogHttp {

    static final String CONSUMER_HEADER = "X-Catalog-Consumer";
    static final String LABELS_HEADER = "X-Catalog-Consumer-Labels";

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

    void close() {
        executor.shutdownNow();
    }

    private HttpRequest.Builder request(URI endpoint, String path) {
        String base = endpoint.toString().replaceAll("/+$", "");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET().header(CONSUMER_HEADER, settings.consumerId());
        if (settings.token() != null) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        if (!settings.labels().isEmpty()) {
            request.header(LABELS_HEADER, ConsumerIds.labelsHeader(settings.labels()));
        }
        return request;
    }
}
