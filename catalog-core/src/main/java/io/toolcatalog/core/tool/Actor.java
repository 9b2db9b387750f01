package io.toolcatalog.core.tool;

/**
 * Who asked for a change: the authenticated {@code principal} (always recorded), the caller's own
 * {@code triggeredBy} label (the principal when the caller gave none) and an optional reason.
 */
public record Actor(String principal, String triggeredBy, String reason) {

    public Actor {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("principal is required");
        }
        triggeredBy = triggeredBy == null || triggeredBy.isBlank() ? principal : triggeredBy;
    }

    public static Actor of(String principal) {
        return new Actor(principal, null, null);
    }

    /** This actor with {@code value} as the reason, unless the caller gave one. */
    public Actor withReasonIfNone(String value) {
        return reason == null || reason.isBlank() ? new Actor(principal, triggeredBy, value) : this;
    }
}
