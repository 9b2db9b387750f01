package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.error.ToolAlreadyExistsException;
import io.toolcatalog.core.error.VersionConflictException;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolVersion;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.core.write.ImportResult;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The revision invariant, versions and catch-up against a real PostgreSQL. */
class CatalogStorageIT extends CatalogNodeContext {

    @Autowired
    ToolVersionStore versions;

    private long revision() {
        return jdbc.queryForObject("SELECT revision FROM catalog_state", Long.class);
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Nested
    class RevisionInvariant {

        @Test
        void everyMutationTakesTheNextRevisionAndLogsIt() {
            long before = revision();
            String name = unique("grep");

            Tool created = editor.create(ToolDrafts.tool(name, "v1").build(), ALICE);
            Tool updated = editor.update(
                    name, ToolDrafts.patch().description("v2").author("bob").build(), 1, ALICE);
            long deleted = editor.delete(name, null, ALICE);

            assertThat(created.revision()).isEqualTo(before + 1);
            assertThat(updated.revision()).isEqualTo(before + 2);
            assertThat(updated.updatedBy()).isEqualTo("bob");
            assertThat(deleted).isEqualTo(before + 3);
            assertThat(jdbc.queryForList(
                            "SELECT operation FROM catalog_changes WHERE revision > ? ORDER BY revision",
                            String.class,
                            before))
                    .containsExactly("create", "update", "delete");
            assertThat(reloader.applied()).isEqualTo(before + 3);
        }

        @Test
        void aRejectedMutationLeavesNoGapAndWritesNothing() {
            String name = unique("dup");
            editor.create(ToolDrafts.tool(name, "v1").build(), ALICE);
            long before = revision();

            assertThatThrownBy(
                            () -> editor.create(ToolDrafts.tool(name, "again").build(), ALICE))
                    .isInstanceOf(ToolAlreadyExistsException.class);
            assertThatThrownBy(() -> editor.update(
                            name, ToolDrafts.patch().description("x").build(), 7, ALICE))
                    .isInstanceOf(VersionConflictException.class);

            assertThat(revision()).isEqualTo(before);
            editor.update(name, ToolDrafts.patch().description("v2").build(), 1, ALICE);
            assertThat(revision()).isEqualTo(before + 1);
        }

        @Test
        void aBulkImportIsOneRevision() {
            long before = revision();
            List<ToolDraft> drafts = List.of(
                    ToolDrafts.tool(unique("a"), "a").build(),
                    ToolDrafts.tool(unique("b"), "b").build(),
                    ToolDrafts.tool(unique("c"), "c").build());

            ImportResult result = editor.importTools(drafts, ImportMode.MERGE, false, ALICE);

            assertThat(result.created()).isEqualTo(3);
            assertThat(result.revision()).isEqualTo(before + 1);
            assertThat(revision()).isEqualTo(before + 1);
            assertThat(jdbc.queryForObject(
                            "SELECT cardinality(tool_names) FROM catalog_changes WHERE revision = ?",
                            Integer.class,
                            before + 1))
                    .isEqualTo(3);
            drafts.forEach(d -> assertThat(reloader.snapshot().tool(d.name())).isPresent());
        }

        @Test
        void aDryRunOrAnUnchangedImportWritesNothing() {
            ToolDraft one = ToolDrafts.tool(unique("same"), "same").build();
            editor.importTools(List.of(one), ImportMode.MERGE, false, ALICE);
            long before = revision();

            ImportResult dry = editor.importTools(
                    List.of(ToolDrafts.tool(unique("new"), "n").build()), ImportMode.MERGE, true, ALICE);
            ImportResult unchanged = editor.importTools(List.of(one), ImportMode.MERGE, false, ALICE);

            assertThat(dry.created()).isEqualTo(1);
            assertThat(dry.dryRun()).isTrue();
            assertThat(unchanged.unchanged()).isEqualTo(1);
            assertThat(revision()).isEqualTo(before);
        }
    }

    @Nested
    class Versions {

        @Test
        void versionsKeepCountingAfterADeleteAndRollbackRestoresADeletedTool() {
            String name = unique("ver");
            editor.create(ToolDrafts.tool(name, "first").build(), ALICE);
            editor.update(name, ToolDrafts.patch().description("second").build(), null, ALICE);
            editor.delete(name, 2, ALICE);
            Tool again = editor.create(ToolDrafts.tool(name, "reborn").build(), ALICE);

            assertThat(again.version()).isEqualTo(4);

            Tool rolledBack = editor.rollback(name, 1, ALICE);
            assertThat(rolledBack.version()).isEqualTo(5);
            assertThat(rolledBack.description()).isEqualTo("first");
            assertThat(versions.list(name, 10, 0))
                    .extracting(ToolVersion::operation)
                    .containsExactly("rollback", "create", "delete", "update", "create");

            editor.delete(name, null, ALICE);
            Tool restored = editor.rollback(name, 2, ALICE);
            assertThat(restored.description()).isEqualTo("second");
            assertThat(reloader.snapshot().tool(name)).get().isEqualTo(restored);
        }
    }

    @Nested
    class CatchUp {

        @Test
        void aChangeWrittenBehindTheLogIsFoundByAFullReload() {
            String name = unique("direct");
            editor.create(ToolDrafts.tool(name, "before").build(), ALICE);
            jdbc.update("UPDATE catalog_state SET revision = revision + 1");
            jdbc.update(
                    "UPDATE tools SET description = 'behind the log', version = version + 1, revision = (SELECT revision FROM catalog_state) WHERE name = ?",
                    name);

            ReloadEvent event = reloader.catchUp();

            assertThat(event.kind()).isEqualTo(ReloadKind.FULL);
            assertThat(event.trigger()).isEqualTo(ReloadTrigger.SYNC);
            assertThat(reloader.snapshot().tool(name))
                    .get()
                    .extracting(Tool::description)
                    .isEqualTo("behind the log");
            assertThat(reloader.snapshot().tools())
                    .containsExactlyInAnyOrderElementsOf(reads.readAll().tools());
        }

        @Test
        void aFailedReloadKeepsTheLastGoodSnapshotAndRecovers() {
            String name = unique("kept");
            editor.create(ToolDrafts.tool(name, "good").build(), ALICE);
            long applied = reloader.applied();
            jdbc.execute("ALTER TABLE tools RENAME TO tools_away");
            try {
                jdbc.update("UPDATE catalog_state SET revision = revision + 1");

                ReloadEvent failed = reloader.catchUp();

                assertThat(failed.success()).isFalse();
                assertThat(reloader.applied()).isEqualTo(applied);
                assertThat(reloader.snapshot().tool(name)).isPresent();
            } finally {
                jdbc.execute("ALTER TABLE tools_away RENAME TO tools");
            }
            ReloadEvent recovered = reloader.catchUp();
            assertThat(recovered.success()).isTrue();
            assertThat(reloader.applied()).isEqualTo(applied + 1);
        }
    }
}
