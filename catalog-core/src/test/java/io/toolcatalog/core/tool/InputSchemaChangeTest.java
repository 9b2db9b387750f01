package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class InputSchemaChangeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final String BASE =
            """
            {"type":"object","required":["q"],
             "properties":{"q":{"type":"string","maxLength":100},"limit":{"type":"integer","minimum":1},
                           "mode":{"enum":["fast","full"]}}}
            """;

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean breaking(String before, String after) {
        return InputSchemaChange.isBreaking(before == null ? null : json(before), after == null ? null : json(after));
    }

    private static String base(String replace, String with) {
        String changed = BASE.replace(replace, with);
        assertThat(changed).isNotEqualTo(BASE);
        return changed;
    }

    @Test
    void sameSchemaIsNotBreaking() {
        assertThat(breaking(BASE, BASE)).isFalse();
    }

    @Test
    void removingAPropertyIsBreaking() {
        assertThat(breaking(BASE, base(",\"limit\":{\"type\":\"integer\",\"minimum\":1}", "")))
                .isTrue();
    }

    @Test
    void addingARequiredPropertyIsBreaking() {
        assertThat(breaking(BASE, base("\"required\":[\"q\"]", "\"required\":[\"q\",\"limit\"]")))
                .isTrue();
    }

    @Test
    void droppingARequirementIsNotBreaking() {
        assertThat(breaking(BASE, base("\"required\":[\"q\"]", "\"required\":[]")))
                .isFalse();
    }

    @Test
    void changingATypeIsBreaking() {
        assertThat(breaking(BASE, base("{\"type\":\"integer\",\"minimum\":1}", "{\"type\":\"string\"}")))
                .isTrue();
    }

    @Test
    void wideningIntegerToNumberIsNotBreaking() {
        assertThat(breaking(BASE, base("\"type\":\"integer\"", "\"type\":\"number\"")))
                .isFalse();
    }

    @Test
    void tighteningAnEnumIsBreakingAndWideningIsNot() {
        assertThat(breaking(BASE, base("[\"fast\",\"full\"]", "[\"fast\"]"))).isTrue();
        assertThat(breaking(BASE, base("[\"fast\",\"full\"]", "[\"fast\",\"full\",\"auto\"]")))
                .isFalse();
    }

    @Test
    void tighteningABoundIsBreakingAndLooseningIsNot() {
        assertThat(breaking(BASE, base("\"maxLength\":100", "\"maxLength\":10")))
                .isTrue();
        assertThat(breaking(BASE, base("\"maxLength\":100", "\"maxLength\":1000")))
                .isFalse();
        assertThat(breaking(BASE, base("\"minimum\":1", "\"minimum\":5"))).isTrue();
    }

    @Test
    void addingAnOptionalPropertyIsNotBreaking() {
        assertThat(breaking(BASE, base("\"properties\":{", "\"properties\":{\"extra\":{\"type\":\"boolean\"},")))
                .isFalse();
    }

    @Test
    void closingAdditionalPropertiesIsBreaking() {
        assertThat(breaking(BASE, base("\"type\":\"object\",", "\"type\":\"object\",\"additionalProperties\":false,")))
                .isTrue();
    }

    @Test
    void addingASchemaWhereThereWasNoneIsBreakingAndRemovingItIsNot() {
        assertThat(breaking(null, BASE)).isTrue();
        assertThat(breaking(BASE, null)).isFalse();
        assertThat(breaking(null, "{}")).isFalse();
        assertThat(breaking(BASE, "true")).isFalse();
        assertThat(breaking(BASE, "false")).isTrue();
    }

    @Test
    void anUnderstoodOnlyAnnotationChangeIsNotBreaking() {
        assertThat(breaking(BASE, base("\"type\":\"object\",", "\"type\":\"object\",\"description\":\"search\",")))
                .isFalse();
    }

    @Test
    void aChangedCombinatorCountsAsBreaking() {
        assertThat(breaking(
                        BASE, base("\"type\":\"object\",", "\"type\":\"object\",\"anyOf\":[{\"required\":[\"q\"]}],")))
                .isTrue();
    }
}
