package io.toolcatalog.core.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.store.VersionsAround;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevertPlanTest {

    static final long R = 10;

    static ToolVersion version(String name, int version, long revision, String operation, String description) {
        Tool tool = Tool.created(
                ToolDrafts.plain(name, description).category("c").profiles(null).build(),
                version,
                revision,
                Instant.EPOCH,
                "t");
        return new ToolVersion(name, version, tool, operation, revision, Instant.EPOCH, "t");
    }

    @Test
    void aToolCreatedAtRIsDeleted() {
        ToolVersion at = version("a", 1, R, "create", "new");
        RevertPlan plan = RevertPlan.of(R, List.of(new VersionsAround("a", at, null, at)));

        assertThat(plan.conflicts()).isEmpty();
        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.action()).isEqualTo(RevertPlan.Undo.DELETE);
            assertThat(step.target()).isNull();
            assertThat(step.expectedVersion()).isEqualTo(1);
        });
    }

    @Test
    void aToolDeletedAtRIsRecreatedAsItWas() {
        ToolVersion before = version("a", 2, 4, "update", "as it was");
        ToolVersion at = version("a", 3, R, "delete", "as it was");
        RevertPlan plan = RevertPlan.of(R, List.of(new VersionsAround("a", at, before, at)));

        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.action()).isEqualTo(RevertPlan.Undo.RECREATE);
            assertThat(step.target().description()).isEqualTo("as it was");
        });
    }

    @Test
    void aToolChangedAtRGetsItsPreviousContent() {
        ToolVersion before = version("a", 1, 3, "create", "old");
        ToolVersion at = version("a", 2, R, "import", "new");
        RevertPlan plan = RevertPlan.of(R, List.of(new VersionsAround("a", at, before, at)));

        assertThat(plan.steps()).singleElement().satisfies(step -> {
            assertThat(step.action()).isEqualTo(RevertPlan.Undo.RESTORE);
            assertThat(step.current().description()).isEqualTo("new");
            assertThat(step.target().description()).isEqualTo("old");
            assertThat(step.expectedVersion()).isEqualTo(2);
        });
    }

    @Test
    void aToolRecreatedAtRAfterADeletionIsDeletedAgain() {
        ToolVersion gone = version("a", 2, 5, "delete", "old");
        ToolVersion at = version("a", 3, R, "rollback", "back");
        RevertPlan plan = RevertPlan.of(R, List.of(new VersionsAround("a", at, gone, at)));

        assertThat(plan.steps()).extracting(RevertPlan.ToolUndo::action).containsExactly(RevertPlan.Undo.DELETE);
    }

    @Test
    void aToolChangedAfterRIsAConflictAndTheRestStillPlanned() {
        ToolVersion at = version("a", 2, R, "update", "new");
        ToolVersion later = version("a", 3, R + 2, "update", "newer");
        ToolVersion bAt = version("b", 1, R, "create", "b");
        RevertPlan plan = RevertPlan.of(
                R,
                List.of(
                        new VersionsAround("a", at, version("a", 1, 2, "create", "old"), later),
                        new VersionsAround("b", bAt, null, bAt)));

        assertThat(plan.conflicts()).containsExactly("a");
        assertThat(plan.steps()).extracting(RevertPlan.ToolUndo::name).containsExactly("b");
    }

    @Test
    void aChangeThatLeftTheContentAsItWasNeedsNoStep() {
        ToolVersion before = version("a", 1, 3, "create", "same");
        ToolVersion at = version("a", 2, R, "update", "same");
        assertThat(RevertPlan.of(R, List.of(new VersionsAround("a", at, before, at)))
                        .steps())
                .isEmpty();
    }
}
