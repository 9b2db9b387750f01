package io.toolcatalog.core.tool;

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
     * The changes after {@code applied}, with the rows of at most {@code maxNames} touched names;
     * {@code alsoReread} names are re-read even when no change touched them (a manual reload).
     */
    CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread);
}
