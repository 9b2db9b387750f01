package io.toolcatalog.core.error;

/** A read asked for a revision above the database's: it was never committed, so waiting is pointless. */
public final class RevisionNotCommittedException extends CatalogException {

    /** The request header that named the revision. */
    public static final String HEADER = "X-Catalog-Min-Revision";

    private RevisionNotCommittedException(String message) {
        super(message);
    }

    public static RevisionNotCommittedException above(long requested, long databaseRevision) {
        return new RevisionNotCommittedException(
                "Revision " + requested + " was never committed: the database is at revision " + databaseRevision);
    }
}
