package io.toolcatalog.api.web;

/** The headers that let a client follow the catalog's revision through a load balancer. */
public final class RevisionHeaders {

    /** On every response: the revision its body belongs to (see {@link ResponseRevision}). */
    public static final String REVISION = "X-Catalog-Revision";

    /** On a read: do not answer before this revision is applied here. */
    public static final String MIN_REVISION = "X-Catalog-Min-Revision";

    private RevisionHeaders() {}
}
