package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.naming.LowerCaseName;

/**
 * Where a change request stands: {@code draft → in_review → approved → published}, or it ended
 * {@code rejected}, {@code withdrawn} or {@code failed} (a scheduled publish that could not apply).
 */
public enum ChangeRequestState implements LowerCaseName {
    DRAFT,
    IN_REVIEW,
    APPROVED,
    /** Its candidate versions are reaching a cohort first (a gradual rollout); it cannot be edited meanwhile. */
    ROLLING_OUT,
    PUBLISHED,
    REJECTED,
    WITHDRAWN,
    FAILED;

    /** The state named {@code value}, or null when there is none of that name. */
    public static ChangeRequestState from(String value) {
        return LowerCaseName.find(ChangeRequestState.class, value);
    }

    /** Whether nothing can happen to it any more (its items cannot be edited either). */
    public boolean ended() {
        return this == PUBLISHED || this == WITHDRAWN;
    }
}
