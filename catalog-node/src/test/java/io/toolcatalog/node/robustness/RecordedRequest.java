package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Sends one request to a node and records it with its answer as an {@link Operation}: what the
 * random clients send, and what the fault injector sends while it breaks something (its probes).
 */
final class RecordedRequest {

    /** Longer than any bounded wait a node may make (min-revision waits, connection timeouts). */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private RecordedRequest() {}

    /**
     * @param client the sender's index ({@code -1}: the fault injector)
     * @param token sent as a bearer token on writes
     * @param minRevision sent as {@code X-Catalog-Min-Revision} when not null
     */
    static Operation send(
            Recorder recorder,
            NodeProcess.Lease lease,
            int client,
            Workload.Request request,
            String token,
            Long minRevision) {
        return send(recorder, lease, client, request, token, minRevision, null);
    }

    /** The same, naming the caller in {@code X-Catalog-Consumer} (and accepting JSON) when {@code consumer} is set. */
    static Operation send(
            Recorder recorder,
            NodeProcess.Lease lease,
            int client,
            Workload.Request request,
            String token,
            Long minRevision,
            String consumer) {
        HttpRequest.Builder http = HttpRequest.newBuilder(
                        URI.create(lease.node().baseUrl() + request.path()))
                .timeout(TIMEOUT);
        if (request.method().equals("GET")) {
            http.GET();
        } else {
            http.header("Authorization", "Bearer " + token);
            http.method(
                    request.method(),
                    request.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(request.body()));
            if (request.body() != null) {
                http.header("Content-Type", "application/json");
            }
        }
        if (minRevision != null) {
            http.header("X-Catalog-Min-Revision", String.valueOf(minRevision));
        }
        if (consumer != null) {
            http.header("X-Catalog-Consumer", consumer).header("Accept", "application/json");
        }
        long id = recorder.nextId();
        double start = recorder.now();
        HttpResponse<String> response = null;
        String error = null;
        try {
            response = lease.http().send(http.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            error = "timeout after " + TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        double end = recorder.now();
        Operation op = new Operation(
                id,
                client,
                lease.node().id(),
                lease.lifetime(),
                request.kind(),
                request.method(),
                request.path(),
                request.tool(),
                request.body(),
                minRevision,
                start,
                end,
                response == null ? 0 : response.statusCode(),
                header(response, "Content-Type"),
                header(response, "Retry-After"),
                revisionOf(response),
                response == null ? null : response.body(),
                error,
                lease.disturbed());
        recorder.record(op);
        return op;
    }

    private static String header(HttpResponse<String> response, String name) {
        return response == null ? null : response.headers().firstValue(name).orElse(null);
    }

    private static Long revisionOf(HttpResponse<String> response) {
        String revision = header(response, "X-Catalog-Revision");
        return revision == null ? null : Long.valueOf(revision);
    }
}
