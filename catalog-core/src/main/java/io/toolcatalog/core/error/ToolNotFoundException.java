package io.toolcatalog.core.error;

/** No tool of that name (or no such version of it, or no such profile schema). */
public final class ToolNotFoundException extends CatalogException {

    private ToolNotFoundException(String message) {
        super(message);
    }

    public static ToolNotFoundException named(String name) {
        return new ToolNotFoundException("Tool '" + name + "' does not exist");
    }

    /** No profile schema for profile {@code name} (the 404 shares the tool's status). */
    public static ToolNotFoundException profileSchema(String name) {
        return new ToolNotFoundException("Profile '" + name + "' has no schema");
    }

    public static ToolNotFoundException version(String name, int version) {
        return new ToolNotFoundException("Tool '" + name + "' has no version " + version);
    }
}
