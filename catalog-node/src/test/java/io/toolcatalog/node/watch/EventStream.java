package io.toolcatalog.node.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's Server-Sent Events reader: one thread parses the stream into a queue of events. */
final class EventStream implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record ReceivedEvent(String type, String id, JsonNode data) {

        long revision() {
            return data.path("revision").asLong();
        }
    }

    private final HttpResponse<InputStream> response;
    private final InputStream body;
    private final BlockingQueue<ReceivedEvent> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.body = response.body();
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        } else {
            ended = true;
        }
    }

    /** Parses an event stream's body from {@code body} (already past the response head) once started. */
    EventStream(InputStream body) {
        this.response = null;
        this.body = body;
        this.reader = new Thread(this::read, "test-sse-reader");
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    static EventStream open(String baseUrl, String query, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/watch" + query))
                .header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new EventStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static EventStream open(String baseUrl, String query) {
        return open(baseUrl, query, Map.of());
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The next event, or null when none came within {@code within}. */
    ReceivedEvent next(Duration within) {
        try {
            return events.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event that is not a {@code progress}, or null. */
    ReceivedEvent nextContent(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            ReceivedEvent event = next(Duration.ofNanos(deadline - System.nanoTime()));
            if (event != null && !event.type().equals("progress")) {
                return event;
            }
        }
        return null;
    }

    /** True once the server ended the stream. */
    boolean ended() {
        return ended;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new ReceivedEvent(type, id, JSON.readTree(data.toString())));
                    }
                    type = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
