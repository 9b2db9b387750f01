package io.toolcatalog.core.error;

/** No tool of that name (or no such version of it). */
public final class ToolNotFoundException extends CatalogException {

    private ToolNotFoundException(String message) {
        super(message);
    }

    public static ToolNotFoundException named(String name) {
        return new ToolNotFoundException("Tool '" + name + "' does not exist");
    }

    public static ToolNotFoundException version(String name, int version) {
        return new ToolNotFoundException("Tool '" + name + "' has no version " + version);
    }
}
