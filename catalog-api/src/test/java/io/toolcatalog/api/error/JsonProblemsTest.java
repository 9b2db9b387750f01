package io.toolcatalog.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonProblemsTest {

    record SampleProfile(Integer timeoutMs) {}

    record SampleTool(String name, Map<String, SampleProfile> profiles) {}

    record Import(List<SampleTool> tools) {}

    final ObjectMapper mapper = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    ApiProblem problemOf(String json) {
        return JsonProblems.of(
                catchThrowableOfType(JsonProcessingException.class, () -> mapper.readValue(json, Import.class)));
    }

    @Test
    void namesAWrongTypeByItsPath() {
        ApiProblem problem = problemOf(
                "{\"tools\": [{\"name\": \"a\"}, {\"name\": \"b\", \"profiles\": {\"default\": {\"timeout_ms\": \"x\"}}}]}");

        assertThat(problem.field()).isEqualTo("tools[1].profiles.default.timeout_ms");
        assertThat(problem.getMessage()).isEqualTo("must be an integer, not 'x'");
    }

    @Test
    void namesAnUnknownField() {
        ApiProblem problem = problemOf("{\"tools\": [{\"name\": \"a\", \"colour\": 1}]}");

        assertThat(problem.field()).isEqualTo("tools[0].colour");
        assertThat(problem.getMessage()).isEqualTo("unknown field 'colour'");
    }

    @Test
    void blamesTheBodyForMalformedInputWithItsPosition() {
        ApiProblem problem = problemOf("{\"tools\": [");

        assertThat(problem.field()).isEqualTo("body");
        assertThat(problem.getMessage()).startsWith("is not well-formed").contains("line 1");
    }
}
