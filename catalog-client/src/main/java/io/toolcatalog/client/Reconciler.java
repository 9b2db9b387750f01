package io.toolcatalog.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks now and then that what the client holds is what the nodes serve: it asks the node it
 * streams from for {@code /profiles} (with the ETag of the last view it found equal, so an
 * unchanged catalog costs a 304), and when that view is at the client's revision but differs from
 * the client's, it drops the stream and starts over from a full snapshot. When they agree, the
 * view the node named ({@code X-Catalog-View}) becomes the held state's name. The request is sent
 * asynchronously, so a node slow to answer never holds up the scheduler (cache writes, stall checks).
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final CatalogHttp http;
    private final LocalCatalog catalog;
    private final WatchLoop watch;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile String verifiedEtag;

    Reconciler(CatalogHttp http, LocalCatalog catalog, WatchLoop watch) {
        this.http = http;
        this.catalog = catalog;
        this.watch = watch;
    }

    /** Starts one check unless one is still running; failures are logged and the next check runs as planned. */
    void reconcile() {
        CatalogState held = catalog.state();
        if (held == null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        URI node = watch.currentEndpoint();
        http.client()
                .sendAsync(http.profiles(node, verifiedEtag), HttpResponse.BodyHandlers.ofByteArray())
                .whenComplete((response, failure) -> {
                    try {
                        if (failure != null) {
                            log.debug("Catalog reconcile with {} failed: {}", node, failure.toString());
                        } else {
                            compare(node, held, response);
                        }
                    } finally {
                        inFlight.set(false);
                    }
                });
    }

    private void compare(URI node, CatalogState held, HttpResponse<byte[]> response) {
        if (response.statusCode() == 304) {
            log.debug("Catalog reconcile with {}: unchanged since the last check", node);
            return;
        }
        if (response.statusCode() != 200) {
            log.debug("Catalog reconcile with {} skipped: HTTP {}", node, response.statusCode());
            return;
        }
        Profiles served;
        try {
            served = Json.MAPPER.readValue(response.body(), Profiles.class);
        } catch (IOException | RuntimeException e) {
            log.debug("Catalog reconcile with {}: unreadable /profiles: {}", node, e.toString());
            return;
        }
        if (served.revision() != held.revision()) {
            log.debug(
                    "Catalog reconcile with {} skipped: the node is at revision {}, the client was at {}",
                    node,
                    served.revision(),
                    held.revision());
            return;
        }
        if (served.equals(held.profiles())) {
            verifiedEtag = response.headers().firstValue("ETag").orElse(null);
            catalog.nameView(
                    response.headers().firstValue(CatalogHttp.VIEW_HEADER).orElse(null), held.revision());
            log.debug("Catalog reconcile with {}: revision {} agrees", node, held.revision());
        } else {
            verifiedEtag = null;
            log.warn(
                    "Catalog reconcile with {}: the node's profiles at revision {} differ from the client's: taking a full snapshot",
                    node,
                    held.revision());
            watch.requestSnapshot();
        }
    }
}
