package io.toolcatalog.core.change;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Why a node reloaded. The predecessor's five, plus {@code sync}: a catch-up that found changes the
 * change log does not describe (written to the database directly, or older than its retention).
 */
public enum ReloadTrigger {
    STARTUP("startup"),
    API_UPDATE("api_update"),
    MANUAL("manual"),
    PERIODIC("periodic"),
    WEBHOOK("webhook"),
    SYNC("sync"),
    /** A change request published at its {@code publish_at} time. */
    SCHEDULED("scheduled"),
    /** A gradual rollout started, stepped, paused, resumed or completed. */
    ROLLOUT("rollout"),
    /** A rollout aborted: its cohort is back on the stable versions. */
    ROLLBACK("rollback");

    private final String value;

    ReloadTrigger(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static ReloadTrigger from(String value) {
        return Arrays.stream(values())
                .filter(t -> t.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trigger '" + value + "'"));
    }
}
