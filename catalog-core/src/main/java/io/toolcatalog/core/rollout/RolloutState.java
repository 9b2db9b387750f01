package io.toolcatalog.core.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a rollout stands: {@code running} or {@code paused} while active, then {@code completed} or {@code aborted}. */
public enum RolloutState {
    RUNNING,
    PAUSED,
    COMPLETED,
    ABORTED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code value}, or null when there is none of that name. */
    public static RolloutState from(String value) {
        for (RolloutState state : values()) {
            if (state.value().equals(value)) {
                return state;
            }
        }
        return null;
    }

    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
