package io.toolcatalog.core.error;

/**
 * PostgreSQL could not do what was asked (down, connection lost, a lock or statement timeout) or
 * this node is not taking more writes right now. The caller may retry: the message says whether
 * anything was written.
 */
public final class DatabaseUnavailableException extends CatalogException {

    private DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The write did not commit: nothing was written. */
    public static DatabaseUnavailableException nothingWritten(Throwable cause) {
        return new DatabaseUnavailableException(
                "The database did not complete the write (" + kind(cause) + "); nothing was written, retry later",
                cause);
    }

    /** The connection died around the commit and the outcome could not be checked yet. */
    public static DatabaseUnavailableException outcomeUnknown(java.util.UUID reloadId, Throwable cause) {
        return new DatabaseUnavailableException(
                "The database connection failed while committing; whether change " + reloadId
                        + " was written could not be checked yet (" + kind(cause) + ")",
                cause);
    }

    /** Writes admitted on this node are at their bound. */
    public static DatabaseUnavailableException tooManyWrites(int inFlight) {
        return new DatabaseUnavailableException(
                "This node is already running " + inFlight + " writes; nothing was written, retry later", null);
    }

    /** A read that needs the database (not the snapshot) could not reach it. */
    public static DatabaseUnavailableException unreachable(Throwable cause) {
        return new DatabaseUnavailableException("The database cannot be reached (" + kind(cause) + ")", cause);
    }

    /** The exception's class only: its message may carry SQL. */
    private static String kind(Throwable cause) {
        return cause == null ? "unknown" : cause.getClass().getSimpleName();
    }
}
