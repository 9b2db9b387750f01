package io.toolcatalog.api.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.toolcatalog.core.naming.LowerCaseName;
import java.util.Arrays;
import java.util.Optional;

/** What a principal may do; each role may do everything the ones before it may. */
public enum Role implements LowerCaseName {
    READER,
    EDITOR,
    /** An editor who may also approve other people's change requests. */
    APPROVER,
    ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role named {@code value} (any case, surrounding blanks ignored); empty when none is. */
    public static Optional<Role> named(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim();
        return Arrays.stream(values())
                .filter(r -> r.value().equalsIgnoreCase(wanted))
                .findFirst();
    }

    /** As {@link #named}, for configuration: an unknown name is an error naming the known ones. */
    @JsonCreator
    public static Role parse(String value) {
        return named(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown role '" + value + "' (known: reader, editor, approver, admin)"));
    }
}
