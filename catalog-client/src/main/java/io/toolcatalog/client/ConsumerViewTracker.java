package io.toolcatalog.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch loop's bookkeeping of this consumer's view: the view a node names for a stream
 * ({@code X-Catalog-View}) and the revision it names it for ({@code X-Catalog-Revision}). When a
 * node names another view of the very revision held than the one the client holds, the content
 * held is not what this consumer should see: the loop takes a full snapshot. When the node is
 * ahead, the view it named is kept and becomes the held state's once the client reaches that
 * revision. A change that steps a rollout without naming the view asks for a prompt reconcile,
 * which learns the view's name. Used by the reader thread only.
 */
final class ConsumerViewTracker {

    /** Logs under the watch loop's name, where these lines have always been. */
    private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

    private final LocalCatalog catalog;
    private final Runnable rolloutStepped;
    private String streamView;
    private long streamRevision = -1;
    private String pendingView;
    private long pendingRevision = -1;

    /** {@code rolloutStepped} runs after a change that steps a rollout and does not name the view. */
    ConsumerViewTracker(LocalCatalog catalog, Runnable rolloutStepped) {
        this.catalog = catalog;
        this.rolloutStepped = rolloutStepped;
    }

    /**
     * A stream opened with these headers: whether the node names another view of {@code since}
     * (the revision held; -1 for a snapshot) than the one held, so a full snapshot is needed; when
     * it is ahead, its view is kept for when the client reaches its revision.
     */
    boolean opened(URI node, long since, HttpHeaders headers) {
        streamView = headers.firstValue(CatalogHttp.VIEW_HEADER).orElse(null);
        streamRevision = revisionOf(headers.firstValue("X-Catalog-Revision").orElse(null));
        pendingView = null;
        return since >= 0 && otherViewOfHeld(node, since);
    }

    /** The view of a snapshot at {@code revision} from this stream: the one the node named, if it named it for that revision. */
    String snapshotView(long revision) {
        return streamRevision < 0 || streamRevision == revision ? streamView : null;
    }

    /** After a change: the view the stream named when the client reaches its revision; a prompt reconcile after a rollout step. */
    void changed(Json.ChangeJson change) {
        long held = catalog.revision();
        if (pendingView != null && held >= pendingRevision) {
            if (held == pendingRevision && change.view() == null) {
                catalog.nameView(pendingView, held);
            }
            pendingView = null;
        }
        if (change.view() == null && change.rolloutStep()) {
            rolloutStepped.run();
        }
    }

    private boolean otherViewOfHeld(URI node, long since) {
        CatalogState held = catalog.state();
        if (streamView == null || held == null) {
            return false;
        }
        String heldView = held.consumerView() == null ? CatalogClient.STABLE_VIEW : held.consumerView();
        if (streamView.equals(heldView)) {
            return false;
        }
        if (streamRevision == since) {
            log.info(
                    "Catalog node {} serves this consumer the view {} of revision {}, the client holds {}: taking a full snapshot",
                    node,
                    streamView,
                    since,
                    heldView);
            return true;
        }
        pendingView = streamView;
        pendingRevision = streamRevision;
        return false;
    }

    private static long revisionOf(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
