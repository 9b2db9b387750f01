package io.toolcatalog.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Deep, null-tolerant immutable copies of what JSON gives (maps, lists, scalars). */
final class Frozen {

    private Frozen() {}

    /** An unmodifiable copy sorted by key ({@code null} stays {@code null}). */
    @SuppressWarnings("unchecked")
    static <V> Map<String, V> map(Map<String, V> source) {
        if (source == null) {
            return null;
        }
        Map<String, V> copy = new TreeMap<>();
        source.forEach((key, value) -> copy.put(key, (V) value(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, value(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(value(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
