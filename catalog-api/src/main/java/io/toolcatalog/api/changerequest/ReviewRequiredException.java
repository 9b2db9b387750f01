package io.toolcatalog.api.changerequest;

/** A direct write refused while {@code catalog.changes.review} is {@code required}. */
final class ReviewRequiredException extends RuntimeException {

    ReviewRequiredException(String detail) {
        super(detail);
    }
}
