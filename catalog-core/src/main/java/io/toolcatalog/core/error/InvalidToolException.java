package io.toolcatalog.core.error;

/** Input that breaks a rule of the catalog; {@link #field()} names the offending field. */
public final class InvalidToolException extends CatalogException {

    private final String field;

    private InvalidToolException(String field, String message) {
        super(message);
        this.field = field;
    }

    public static InvalidToolException field(String field, String message) {
        return new InvalidToolException(field, field + ": " + message);
    }

    public String field() {
        return field;
    }
}
