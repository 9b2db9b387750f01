package io.toolcatalog.core.error;

import java.util.List;

/**
 * A revert that cannot be done, and nothing was written: the revision is unknown, older than the
 * change log keeps, changed no tools, or tools it touched changed since ({@link #conflicts()}).
 */
public final class RevertRefusedException extends CatalogException {

    /** Why; the HTTP layer gives each its own status. */
    public enum Reason {
        /** No such revision: not above zero, or past the catalog's revision. */
        UNKNOWN_REVISION,
        /** The change log no longer holds the revision (older than its retention). */
        PRUNED,
        /** The revision wrote no tool. */
        NOTHING_TO_REVERT,
        /** Tools the revision touched have changed since. */
        CONFLICT
    }

    private final Reason reason;
    private final List<String> conflicts;

    private RevertRefusedException(Reason reason, String message, List<String> conflicts) {
        super(message);
        this.reason = reason;
        this.conflicts = List.copyOf(conflicts);
    }

    public static RevertRefusedException unknown(long revision, long current) {
        return new RevertRefusedException(
                Reason.UNKNOWN_REVISION,
                "Revision " + revision + " does not exist (the catalog is at revision " + current + ")",
                List.of());
    }

    public static RevertRefusedException pruned(long revision) {
        return new RevertRefusedException(
                Reason.PRUNED,
                "Revision " + revision + " is older than the change log keeps (catalog.sync.change-log-retention):"
                        + " roll its tools back one by one instead",
                List.of());
    }

    public static RevertRefusedException nothingToRevert(long revision) {
        return new RevertRefusedException(
                Reason.NOTHING_TO_REVERT, "Revision " + revision + " changed no tool: nothing to revert", List.of());
    }

    public static RevertRefusedException conflicts(long revision, List<String> names) {
        return new RevertRefusedException(
                Reason.CONFLICT,
                "Tools changed after revision " + revision + ": " + String.join(", ", names) + "; nothing was reverted",
                names);
    }

    public Reason reason() {
        return reason;
    }

    /** The tools that changed after the revision (for {@link Reason#CONFLICT}); empty otherwise. */
    public List<String> conflicts() {
        return conflicts;
    }
}
