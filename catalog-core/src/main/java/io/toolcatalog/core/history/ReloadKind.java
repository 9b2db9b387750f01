package io.toolcatalog.core.history;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a reload re-read the whole catalog or only the names that changed. */
public enum ReloadKind {
    FULL,
    PARTIAL;

    @JsonValue
    public String value() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
