package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.error.SchemaViolation;
import io.toolcatalog.core.testing.ToolDrafts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator's collecting mode: every problem of one tool, by the same rules that stop at the first. */
class CollectedProblemsTest {

    private final ToolJson json = new ToolJson();
    private final ToolValidator validator = new ToolValidator(CatalogLimits.defaults(), json);

    @Test
    void listsEveryProfileFieldOutOfRangeInTheOrderTheFirstIsFound() {
        ToolDraft draft = ToolDrafts.named("grep")
                .description("x".repeat(CatalogLimits.defaults().maxDescriptionLength() + 1))
                .profile("default", new Profile(0, 101, 1.5, null, -0.1, null))
                .profile("stage_b", new Profile(3_600_001, null, null, 2.0, null, null))
                .build();

        List<String> fields = validator.contentProblems("", draft).stream()
                .map(InvalidToolException::field)
                .toList();

        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "description",
                        "profiles.default.timeout_ms",
                        "profiles.default.max_retries",
                        "profiles.default.cost_weight",
                        "profiles.default.quality_weight",
                        "profiles.stage_b.timeout_ms",
                        "profiles.stage_b.latency_weight");
        assertThatThrownBy(() -> validator.checkContent("", draft))
                .isInstanceOf(InvalidToolException.class)
                .extracting(e -> ((InvalidToolException) e).field())
                .isEqualTo(fields.get(0));
    }

    @Test
    void aNewToolListsItsMissingDescriptionAndItsFields() {
        ToolDraft draft = ToolDrafts.named("grep")
                .profile("default", new Profile(-1, -1, null, null, null, null))
                .build();

        assertThat(validator.newProblems("", draft).stream().map(InvalidToolException::field))
                .containsExactly("description", "profiles.default.timeout_ms", "profiles.default.max_retries");
    }

    @Test
    void aValidDraftHasNoProblems() {
        assertThat(validator.contentProblems("", ToolDrafts.tool("grep", "d").build()))
                .isEmpty();
    }

    @Test
    void listsEverySchemaViolationOfEveryProfile() {
        ProfileSchemas schemas = ProfileSchemas.compile(
                1,
                Map.of(
                        "default",
                        json.readDocument("{\"properties\": {\"timeout_ms\": {\"maximum\": 1000},"
                                + " \"max_retries\": {\"maximum\": 1}}}"),
                        "stage_b",
                        json.readDocument("{\"required\": [\"cost_weight\"]}")),
                new JsonSchemas());
        Tool tool = Tool.created(
                ToolDrafts.named("grep")
                        .description("d")
                        .profile("default", new Profile(5000, 3, null, null, null, null))
                        .profile("stage_b", new Profile(10, null, null, null, null, null))
                        .build()
                        .withDefaults(),
                1,
                1,
                Instant.EPOCH,
                "t");

        List<String> fields = schemas.allViolations("", tool, json).stream()
                .map(SchemaViolation::field)
                .toList();

        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "profiles.default.timeout_ms", "profiles.default.max_retries", "profiles.stage_b.cost_weight");
        assertThat(schemas.firstViolation("", tool, json).field()).isEqualTo(fields.get(0));
    }
}
