package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** One edit of {@link #BASE} a row: what it replaces, with what, and whether that breaks a caller. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            removingAPropertyIsBreaking                   | ,"limit":{"type":"integer","minimum":1} | ''                                               | true
            addingARequiredPropertyIsBreaking             | "required":["q"]                        | "required":["q","limit"]                         | true
            droppingARequirementIsNotBreaking             | "required":["q"]                        | "required":[]                                    | false
            changingATypeIsBreaking                       | {"type":"integer","minimum":1}          | {"type":"string"}                                | true
            wideningIntegerToNumberIsNotBreaking          | "type":"integer"                        | "type":"number"                                  | false
            tighteningAnEnumIsBreaking                    | ["fast","full"]                         | ["fast"]                                         | true
            wideningAnEnumIsNotBreaking                   | ["fast","full"]                         | ["fast","full","auto"]                           | false
            tighteningAMaxLengthIsBreaking                | "maxLength":100                         | "maxLength":10                                   | true
            looseningAMaxLengthIsNotBreaking              | "maxLength":100                         | "maxLength":1000                                 | false
            raisingAMinimumIsBreaking                     | "minimum":1                             | "minimum":5                                      | true
            addingAnOptionalPropertyIsNotBreaking         | "properties":{                          | "properties":{"extra":{"type":"boolean"},        | false
            closingAdditionalPropertiesIsBreaking         | "type":"object",                        | "type":"object","additionalProperties":false,    | true
            anUnderstoodOnlyAnnotationChangeIsNotBreaking | "type":"object",                        | "type":"object","description":"search",          | false
            aChangedCombinatorCountsAsBreaking            | "type":"object",                        | "type":"object","anyOf":[{"required":["q"]}],    | true
            """)
    void judgesAnEditOfTheBase(String behaviour, String replace, String with, boolean breaks) {
        assertThat(breaking(BASE, base(replace, with))).isEqualTo(breaks);
    }

    @Test
    void addingASchemaWhereThereWasNoneIsBreakingAndRemovingItIsNot() {
        assertThat(breaking(null, BASE)).isTrue();
        assertThat(breaking(BASE, null)).isFalse();
        assertThat(breaking(null, "{}")).isFalse();
        assertThat(breaking(BASE, "true")).isFalse();
        assertThat(breaking(BASE, "false")).isTrue();
    }
}
