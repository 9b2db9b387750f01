package io.toolcatalog.core.error;

/** The caller's expected version (If-Match) is not the tool's current version. */
public final class VersionConflictException extends CatalogException {

    private final int currentVersion;

    private VersionConflictException(String message, int currentVersion) {
        super(message);
        this.currentVersion = currentVersion;
    }

    public static VersionConflictException of(String name, int expected, int current) {
        return new VersionConflictException(
                "Tool '" + name + "' is at version " + current + ", not " + expected, current);
    }

    public int currentVersion() {
        return currentVersion;
    }
}
