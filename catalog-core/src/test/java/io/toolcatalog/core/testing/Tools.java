package io.toolcatalog.core.testing;

import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Tools for tests. */
public final class Tools {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Tools() {}

    public static Tool tool(String name, int version, long revision) {
        return new Tool(
                name,
                name + " v" + version,
                "test",
                List.of("t"),
                true,
                Map.of("default", new Profile(1000, 1, 0.1, 0.2, 0.7, Map.of())),
                null,
                null,
                version,
                revision,
                T0,
                "test",
                T0,
                "test");
    }
}
