package io.toolcatalog.core.error;

/** A create named a tool that exists. */
public final class ToolAlreadyExistsException extends CatalogException {

    private ToolAlreadyExistsException(String message) {
        super(message);
    }

    public static ToolAlreadyExistsException named(String name) {
        return new ToolAlreadyExistsException("Tool '" + name + "' already exists");
    }
}
