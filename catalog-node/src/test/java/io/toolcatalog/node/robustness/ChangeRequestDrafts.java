package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.net.URI;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(lease.node().baseUrl() + open.path()))
                .timeout(RecordedRequest.TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(open.body()))
                .build();
        try {
            HttpResponse<String> response = lease.http().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                return null;
            }
            JsonNode draft = JSON.readTree(response.body());
            return new Workload.Request(
                    OpKind.CR_PUBLISH,
                    "POST",
                    "/api/v1/change-requests/" + draft.path("id").asLong() + "/publish",
                    null,
                    open.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
