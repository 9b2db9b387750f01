package io.toolcatalog.core.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.testing.Tools;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not a test (no assertion, not matched by surefire's defaults): what checking one tool's profile
 * against a compiled schema costs in the JVM, without the database. Run with: {@code ./mvnw -B -pl
 * catalog-core test -Dtest=ProfileSchemaCheckMeasurement -Dsurefire.failIfNoSpecifiedTests=false}
 * (the line starting "schema check").
 */
class ProfileSchemaCheckMeasurement {

    private static final String SCHEMA =
            """
            {"type": "object", "required": ["timeout_ms"],
             "properties": {"timeout_ms": {"type": "integer", "minimum": 1, "maximum": 60000},
                            "max_retries": {"type": "integer", "minimum": 0, "maximum": 5},
                            "cost_weight": {"type": "number"}, "parameters": {"type": "object"}}}
            """;

    @Test
    void costOfOneCheck() throws Exception {
        ToolJson json = new ToolJson();
        ProfileSchemas schemas =
                ProfileSchemas.compile(1, Map.of("default", new ObjectMapper().readTree(SCHEMA)), new JsonSchemas());
        Tool tool = Tools.tool("grep", 1, 1);
        for (int i = 0; i < 50_000; i++) {
            schemas.check("", tool, json);
        }
        int runs = 200_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            schemas.check("", tool, json);
        }
        double micros = (System.nanoTime() - start) / 1e3 / runs;
        System.out.println(String.format(Locale.ROOT, "schema check %.1f µs per tool (one profile)", micros));
    }
}
