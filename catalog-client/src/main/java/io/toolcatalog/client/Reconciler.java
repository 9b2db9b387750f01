package io.toolcatalog.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks now and then that what the client holds is what the nodes serve: it asks the node it
 * streams from for {@code /profiles} (with the ETag of the last view it found equal, so an
 * unchanged catalog costs a 304), and when that view is at the client's revision but differs from
 * the client's, it drops the stream and starts over from a full snapshot.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final CatalogHttp http;
    private final LocalCatalog catalog;
    private final WatchLoop watch;
    private String verifiedEtag;

    Reconciler(CatalogHttp http, LocalCatalog catalog, WatchLoop watch) {
        this.http = http;
        this.catalog = catalog;
        this.watch = watch;
    }

    /** One check; failures are logged and the next check runs as planned. */
    synchronized void reconcile() {
        CatalogState held = catalog.state();
        if (held == null) {
            return;
        }
        URI node = watch.currentEndpoint();
        try {
            HttpResponse<byte[]> response =
                    http.client().send(http.profiles(node, verifiedEtag), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 304) {
                log.debug("Catalog reconcile with {}: unchanged since the last check", node);
                return;
            }
            if (response.statusCode() != 200) {
                log.debug("Catalog reconcile with {} skipped: HTTP {}", node, response.statusCode());
                return;
            }
            Profiles served = Json.MAPPER.readValue(response.body(), Profiles.class);
            if (served.revision() != held.revision()) {
                log.debug(
                        "Catalog reconcile with {} skipped: the node is at revision {}, the client at {}",
                        node,
                        served.revision(),
                        held.revision());
                return;
            }
            if (served.equals(held.profiles())) {
                verifiedEtag = response.headers().firstValue("ETag").orElse(null);
                log.debug("Catalog reconcile with {}: revision {} agrees", node, held.revision());
            } else {
                verifiedEtag = null;
                log.warn(
                        "Catalog reconcile with {}: the node's profiles at revision {} differ from the client's: taking a full snapshot",
                        node,
                        held.revision());
                watch.requestSnapshot();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Catalog reconcile with {} failed: {}", node, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
