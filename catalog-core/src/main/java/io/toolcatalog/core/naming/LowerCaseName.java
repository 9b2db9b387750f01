package io.toolcatalog.core.naming;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum that JSON, SQL columns and query parameters name by its constant's name in lower case
 * ({@code IN_REVIEW} is {@code in_review}). An enum gets {@link #name()} from {@link Enum}.
 */
public interface LowerCaseName {

    String name();

    @JsonValue
    default String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} named {@code value}, or null when there is none of that name. */
    static <E extends Enum<E> & LowerCaseName> E find(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.value().equals(value)) {
                return constant;
            }
        }
        return null;
    }
}
