package io.toolcatalog.core.store;

import java.util.Collection;

/**
 * What the reloader reads the catalog from. Each read returns data as of one database snapshot,
 * so a node never builds a catalog that mixes two revisions. {@link CatalogReads} reads
 * PostgreSQL; tests give the reloader their own.
 */
public interface CatalogSource {

    /** The catalog's committed revision: the revision poll's whole cost. */
    long revision();

    /** Everything, with the revision it is as of. */
    CatalogImage readAll();

    /**
     * The changes after {@code applied} and the rows of the names they touched, plus the
     * {@code alsoReread} names even when no change touched them (a manual reload of one tool). The
     * delta is complete only when the change log covers the whole gap and at most {@code maxNames}
     * names, {@code alsoReread} included, are re-read; otherwise it carries no rows.
     */
    CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread);

    /** The revision and the digest of the {@code tools} table at it, read together. */
    RevisionDigest digest();
}
