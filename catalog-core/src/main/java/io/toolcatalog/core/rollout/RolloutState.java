package io.toolcatalog.core.rollout;

import io.toolcatalog.core.naming.LowerCaseName;

/** Where a rollout stands: {@code running} or {@code paused} while active, then {@code completed} or {@code aborted}. */
public enum RolloutState implements LowerCaseName {
    RUNNING,
    PAUSED,
    COMPLETED,
    ABORTED;

    /** The state named {@code value}, or null when there is none of that name. */
    public static RolloutState from(String value) {
        return LowerCaseName.find(RolloutState.class, value);
    }

    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
