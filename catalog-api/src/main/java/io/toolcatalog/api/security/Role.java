package io.toolcatalog.api.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a token may do; each role may do everything the ones before it may. */
public enum Role {
    READER,
    EDITOR,
    APPROVER,
    ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
