package io.toolcatalog.node.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One watcher of a rollout test: its stream and what it holds after applying its events (the chain
 * checked by its {@link Replica}); with the helpers those tests share for headers and long polls.
 */
record ViewWatcher(String name, EventStream stream, Replica replica, Map<String, String> descriptions) {

    static final Duration WITHIN = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static ViewWatcher open(String name, String base, String query, Map<String, String> headers) {
        EventStream stream = EventStream.open(base, query, headers);
        assertThat(stream.status()).as(name).isEqualTo(200);
        return new ViewWatcher(name, stream, new Replica(), new HashMap<>());
    }

    /** The next event: a change from the last one's revision (or a snapshot), applied. */
    EventStream.ReceivedEvent next() {
        EventStream.ReceivedEvent event = stream.nextContent(WITHIN);
        assertThat(event).as("%s: an event past %s", name, replica.revision()).isNotNull();
        replica.apply(event);
        JsonNode data = event.data();
        if (event.type().equals("snapshot")) {
            descriptions.clear();
            data.path("tools")
                    .forEach(t -> descriptions.put(
                            t.path("name").asText(), t.path("description").asText()));
        } else {
            data.path("changed")
                    .forEach(t -> descriptions.put(
                            t.path("name").asText(), t.path("description").asText()));
            data.path("removed").forEach(n -> descriptions.remove(n.asText()));
        }
        return event;
    }

    /** The next event is a change to {@code revision} that carries exactly {@code names}. */
    EventStream.ReceivedEvent nextChange(long revision, String... names) {
        EventStream.ReceivedEvent event = next();
        assertThat(event.type()).as(name).isEqualTo("change");
        assertThat(event.revision()).as(name).isEqualTo(revision);
        List<String> changed = new ArrayList<>();
        event.data().path("changed").forEach(t -> changed.add(t.path("name").asText()));
        assertThat(changed)
                .as("%s: the tools its change at %s carries", name, revision)
                .containsExactlyInAnyOrder(names);
        return event;
    }

    String description(String tool) {
        return descriptions.get(tool);
    }

    void close() {
        stream.close();
    }

    /** The headers of a named consumer, with its labels when {@code labels} is not null. */
    static Map<String, String> as(String consumer, String labels) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Catalog-Consumer", consumer);
        if (labels != null) {
            headers.put("X-Catalog-Consumer-Labels", labels);
        }
        return headers;
    }

    /** A long poll of the watch endpoint from {@code since}, sent and not yet answered. */
    static CompletableFuture<HttpResponse<String>> longPoll(String base, long since, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/watch?since=" + since + "&wait=30s"))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60));
        headers.forEach(request::header);
        return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode polled(CompletableFuture<HttpResponse<String>> poll) throws Exception {
        HttpResponse<String> response = poll.get(WITHIN.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventStream.JSON.readTree(response.body());
    }

    /** The description {@code event} carries for {@code tool}, or null when it does not carry it. */
    static String descriptionIn(JsonNode event, String tool) {
        for (JsonNode t : event.path("changed")) {
            if (t.path("name").asText().equals(tool)) {
                return t.path("description").asText();
            }
        }
        return null;
    }
}
