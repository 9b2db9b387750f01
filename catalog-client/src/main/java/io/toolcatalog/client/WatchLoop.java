package io.toolcatalog.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread: follows one node's watch stream at a time and moves to the next node when
 * the stream fails or ends, after a jittered backoff, resuming from the revision it holds. A
 * {@code change} that does not chain onto the revision held makes it reconnect from that
 * revision; a {@code snapshot} replaces the state, as does a full snapshot taken when the nodes
 * say the revision held was never committed (the database went back). It is the only thread that
 * changes the state.
 *
 * <p>The nodes answer in this consumer's view ({@code X-Catalog-View}: {@code stable}, {@code
 * rollout=3}); {@link ConsumerViewTracker} keeps the view held in step with the one they name.
 */
final class WatchLoop implements Runnable {

    /** Why a stream ended without an error. */
    private enum Ended {
        /** The node closed it (shutting down): move on to the next node. */
        BY_NODE,
        /** The client wants to start over on the same node: a broken chain, or a snapshot asked for. */
        TO_RESUME
    }

    private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

    private final ClientSettings settings;
    private final CatalogHttp http;
    private final LocalCatalog catalog;
    private final Backoff backoff;
    private final List<URI> endpoints;
    private final StreamStatus stream;
    private final ConsumerViewTracker views;
    private volatile boolean closed;
    private volatile boolean snapshotWanted;
    private volatile Thread thread;
    private volatile InputStream body;
    private volatile long lastRead;
    private volatile URI current;
    private int endpoint;
    private int failuresInRow;
    private Duration retryAfter = Duration.ZERO;

    /** {@code rolloutStepped} runs after a change that steps a rollout and does not name the view. */
    WatchLoop(
            ClientSettings settings,
            CatalogHttp http,
            LocalCatalog catalog,
            StreamStatus stream,
            Runnable rolloutStepped) {
        this.settings = settings;
        this.views = new ConsumerViewTracker(catalog, rolloutStepped);
        this.stream = stream;
        this.http = http;
        this.catalog = catalog;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.endpoints = settings.endpoints();
        this.current = endpoints.get(0);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!closed) {
            URI node = endpoints.get(endpoint);
            current = node;
            boolean rotate = true;
            try {
                Ended ended = follow(node);
                rotate = ended != Ended.TO_RESUME;
                if (!closed) {
                    log.info("Catalog watch stream on {} ended ({}) at revision {}", node, ended, catalog.revision());
                }
            } catch (IOException | RuntimeException e) {
                if (!closed && failuresInRow++ % 20 == 0) {
                    log.warn(
                            "Catalog watch stream on {} failed at revision {} ({} failures in a row; the next ones are logged at DEBUG, every 20th at WARN): {}",
                            node,
                            catalog.revision(),
                            failuresInRow,
                            e.toString());
                } else if (!closed) {
                    log.debug(
                            "Catalog watch stream on {} failed at revision {}: {}",
                            node,
                            catalog.revision(),
                            e.toString());
                }
            } catch (InterruptedException e) {
                // close(), a stalled stream or a wanted snapshot: the loop decides below
            }
            Thread.interrupted();
            if (closed) {
                break;
            }
            if (rotate) {
                endpoint = (endpoint + 1) % endpoints.size();
            }
            Duration wait = backoff.next();
            pause(wait.compareTo(retryAfter) < 0 ? retryAfter : wait);
            retryAfter = Duration.ZERO;
        }
        log.debug("Catalog watch loop stopped at revision {}", catalog.revision());
    }

    /** The node streamed from now (or last). */
    URI currentEndpoint() {
        return current;
    }

    /** The next stream starts from a full snapshot (the state held may be another consumer's view). */
    void snapshotFirst() {
        snapshotWanted = true;
    }

    /** Drops the stream and starts over from a full snapshot. */
    void requestSnapshot() {
        snapshotWanted = true;
        abort();
    }

    /** Drops a stream that has been silent for longer than the read timeout (a half-open connection). */
    void dropIfStalled() {
        if (body != null
                && System.nanoTime() - lastRead > settings.readTimeout().toNanos()) {
            log.warn("Catalog watch stream on {} silent for over {}: reconnecting", current, settings.readTimeout());
            abort();
        }
    }

    void close() {
        closed = true;
        abort();
    }

    private Ended follow(URI node) throws IOException, InterruptedException {
        long since = snapshotWanted || !catalog.serving() ? -1 : catalog.revision();
        snapshotWanted = false;
        lastRead = System.nanoTime();
        HttpResponse<InputStream> response =
                http.client().send(http.watch(node, since), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() == 409 && since >= 0) {
                log.warn(
                        "Catalog node {} says revision {} was never committed (a database restored from a backup?): taking a full snapshot",
                        node,
                        since);
                snapshotWanted = true;
                return Ended.TO_RESUME;
            }
            if (response.statusCode() != 200) {
                retryAfter = retryAfter(response);
                String detail = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
                throw new IOException("HTTP " + response.statusCode() + " from " + node + ": " + detail);
            }
            if (views.opened(node, since, response.headers())) {
                snapshotWanted = true;
                return Ended.TO_RESUME;
            }
            body = in;
            stream.opened(response.headers().firstValue("X-Catalog-Revision").orElse(null));
            failuresInRow = 0;
            backoff.connected();
            log.info("Catalog watch stream on {} open from {}", node, since < 0 ? "a snapshot" : "revision " + since);
            SseReader reader = new SseReader(in, () -> lastRead = System.nanoTime(), settings.maxEventChars());
            SseReader.SseEvent event;
            while (!closed && (event = reader.next()) != null) {
                Ended ended = handle(node, event);
                if (ended != null) {
                    return ended;
                }
                if (snapshotWanted) {
                    return Ended.TO_RESUME;
                }
            }
            return Ended.BY_NODE;
        } finally {
            body = null;
            stream.closed();
        }
    }

    private Ended handle(URI node, SseReader.SseEvent event) throws JsonProcessingException {
        switch (event.type()) {
            case "snapshot" -> {
                Json.Snapshot snapshot = Json.MAPPER.readValue(event.data(), Json.Snapshot.class);
                stream.heard(snapshot.revision());
                catalog.replace(snapshot.toState(views.snapshotView(snapshot.revision())), "a snapshot from " + node);
                backoff.reset();
            }
            case "change" -> {
                Json.ChangeJson change = Json.MAPPER.readValue(event.data(), Json.ChangeJson.class);
                stream.heard(change.revision());
                if (catalog.apply(change) == LocalCatalog.Applied.CHAIN_BROKEN) {
                    log.warn(
                            "Catalog change {} -> {} from {} does not follow the revision held, {}: resuming from it",
                            change.fromRevision(),
                            change.revision(),
                            node,
                            catalog.revision());
                    return Ended.TO_RESUME;
                }
                views.changed(change);
                backoff.reset();
            }
            case "progress" -> {
                Json.Progress progress = Json.MAPPER.readValue(event.data(), Json.Progress.class);
                stream.heard(progress.revision());
                log.trace(
                        "Catalog node {} at revision {}, client at {}", node, progress.revision(), catalog.revision());
                backoff.reset();
            }
            default -> log.debug("Catalog watch event '{}' from {} ignored", event.type(), node);
        }
        return null;
    }

    /** A node that refuses a stream (503 past its connection bound) says when to come back; capped by the backoff's max. */
    private Duration retryAfter(HttpResponse<?> response) {
        try {
            long seconds = Long.parseLong(
                    response.headers().firstValue("Retry-After").orElse("0").trim());
            Duration asked = Duration.ofSeconds(Math.max(0, seconds));
            return asked.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : asked;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private void abort() {
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                log.debug("Closing the watch stream failed", e);
            }
        }
        Thread reader = thread;
        if (reader != null) {
            reader.interrupt();
        }
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.interrupted();
        }
    }
}
