package io.toolcatalog.core.changerequest;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.write.StagedEdit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The content hash approvals bind to, and the field paths of the diff. */
class StagedContentTest {

    private final StagedJson json = new StagedJson();

    @Test
    void theHashIgnoresItemOrderAndMapOrderButNotContent() {
        StagedEdit a = upsert("a", Map.of("x", "1", "y", "2", "z", "3"), 100);
        StagedEdit b = new StagedEdit("b", StagedEdit.Action.DELETE, null, 4);

        assertThat(json.contentHash(List.of(a, b))).isEqualTo(json.contentHash(List.of(b, a)));
        assertThat(json.contentHash(List.of(a, b)))
                .isEqualTo(json.contentHash(List.of(upsert("a", Map.of("z", "3", "y", "2", "x", "1"), 100), b)));
        assertThat(json.contentHash(List.of(a, b)))
                .isNotEqualTo(json.contentHash(List.of(upsert("a", Map.of("x", "1", "y", "2", "z", "3"), 101), b)));
        assertThat(json.contentHash(List.of(a, b))).isNotEqualTo(json.contentHash(List.of(a, b.rebased(5))));
    }

    @Test
    void aStagedToolReadsBackEqual() {
        StagedEdit a = upsert("a", Map.of("flags", "-n"), 100);

        assertThat(json.read(json.write(a.draft()))).isEqualTo(a.draft());
    }

    @Test
    void theDiffNamesProfilesPerStageAndParameter() {
        Tool current = Tool.created(
                ToolDrafts.plain("t", "d")
                        .category("c")
                        .profile("default", profile(5000, Map.of("flags", "-n")))
                        .build(),
                3,
                7,
                Instant.EPOCH,
                "me");
        StagedEdit edit = new StagedEdit(
                "t",
                StagedEdit.Action.UPSERT,
                ToolDrafts.patch()
                        .profile("default", profile(5000, Map.of("flags", "-i")))
                        .profile("stage_b", profile(900, null))
                        .build(),
                3);

        Map<String, Object> after = ChangeRequestDiff.flatten(ChangeRequestDiff.after(edit, current));
        Map<String, Object> before = ChangeRequestDiff.flatten(current);

        assertThat(after).containsEntry("profiles.stage_b.timeout_ms", 900);
        assertThat(after).containsEntry("profiles.default.parameters.flags", "-i");
        assertThat(before).containsEntry("profiles.default.parameters.flags", "-n");
        assertThat(before).doesNotContainKey("profiles.stage_b.timeout_ms");
    }

    private static StagedEdit upsert(String name, Map<String, Object> parameters, int timeout) {
        return new StagedEdit(
                name,
                StagedEdit.Action.UPSERT,
                ToolDrafts.patch()
                        .description("d")
                        .profile("default", profile(timeout, parameters))
                        .build(),
                null);
    }

    private static Profile profile(int timeout, Map<String, Object> parameters) {
        return new Profile(timeout, null, null, null, null, parameters);
    }
}
