package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The first half of a {@link OpKind#CR_PUBLISH}: opens a change request from the drawn import body
 * on the leased node (not recorded: a draft changes nothing), and gives the publish request that
 * is recorded. The publish carries the import body only so the checks know what was staged; the
 * endpoint reads no body.
 */
final class ChangeRequestDrafts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeRequestDrafts() {}

    /** The publish of a draft opened from {@code open}'s body, or null when none could be opened. */
    static Workload.Request publishOf(NodeProcess.Lease lease, Workload.Request open, String token) {
        Long id = open(lease.http(), lease.node().baseUrl(), open.body(), token);
        return id == null
                ? null
                : new Workload.Request(
                        OpKind.CR_PUBLISH, "POST", "/api/v1/change-requests/" + id + "/publish", null, open.body());
    }

    /**
     * Opens a draft from an import body (merge) on the node at {@code baseUrl}; its id, or null when
     * none was opened (the node is down, or the file matched the catalog).
     */
    static Long open(HttpClient http, String baseUrl, String importBody, String token) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/change-requests?from=file&mode=merge"))
                .timeout(RecordedRequest.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(importBody))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            JsonNode draft = JSON.readTree(response.body());
            return draft.path("id").asLong();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
