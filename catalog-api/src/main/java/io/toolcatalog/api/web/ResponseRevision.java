package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.CatalogSnapshot;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The revision one response speaks for, which {@link RevisionHeaderFilter} writes as
 * {@code X-Catalog-Revision}. A read takes the node's snapshot once through {@link #snapshot()}
 * and builds its body from it, so body, ETag and header all belong to that snapshot even when a
 * reload swaps in a newer one meanwhile. A mutation names the revision its body is at with
 * {@link #committed(long)}. A response that did neither carries the node's applied revision.
 * Controllers receive it as a method argument.
 */
public final class ResponseRevision {

    static final String ATTRIBUTE = ResponseRevision.class.getName();

    private final AppliedCatalog catalog;
    private CatalogSnapshot snapshot;
    private long pinned = -1;

    ResponseRevision(AppliedCatalog catalog) {
        this.catalog = catalog;
    }

    /** The request's own, for code that resolves something from it before the controller runs. */
    public static ResponseRevision of(HttpServletRequest request) {
        if (request != null && request.getAttribute(ATTRIBUTE) instanceof ResponseRevision known) {
            return known;
        }
        throw new IllegalStateException("RevisionHeaderFilter did not run for this request");
    }

    /** The node's snapshot, taken at the first call and the same for the rest of the request. */
    public synchronized CatalogSnapshot snapshot() {
        if (snapshot == null) {
            snapshot = catalog.snapshot();
            pinned = snapshot.revision();
        }
        return snapshot;
    }

    /** The revision a mutation's body is at: the one it committed, or the tool's own when it changed nothing. */
    public synchronized void committed(long revision) {
        pinned = revision;
    }

    /** What the header says: the pinned revision, else the node's applied one now. */
    synchronized long value() {
        return pinned >= 0 ? pinned : catalog.applied();
    }
}
