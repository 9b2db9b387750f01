package io.toolcatalog.node.catalog;

import static io.toolcatalog.node.catalog.GroupCommitNodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.error.ToolAlreadyExistsException;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.error.VersionConflictException;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.CatalogEditor.Toggled;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Group commit against PostgreSQL. Writes that queue on a node while a transaction is in flight
 * share the next one, each with its own dense revision and its own outcome. To make a group, the
 * test holds the revision row ({@code SELECT … FOR UPDATE} on a connection of its own): one write
 * leads and waits for the row, the others queue behind it, and all of them go when it is released.
 * A probe trigger records, for every change row, the top-level transaction that wrote it
 * ({@code txid_current()} is the same under every savepoint of a transaction), so the test reads
 * from PostgreSQL itself which writes committed together.
 */
class GroupCommitIT extends GroupCommitCluster {

    @Nested
    class Grouping {

        @Test
        void writesQueuedBehindATransactionCommitInOneTransactionEachWithItsOwnRevision() throws Exception {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                names.add(editor(one())
                        .create(tool(unique("grouped"), "before"), ACTOR)
                        .name());
            }
            List<Callable<?>> updates = new ArrayList<>();
            for (String name : names) {
                updates.add(() -> editor(one()).update(name, patch("grouped " + name), null, ACTOR));
            }
            long before = revision() + 1; // the blocker's create

            List<Attempt> answers = inOneGroup(updates, () -> {});

            long blocker = answers.get(0).tool().revision();
            assertThat(blocker).isEqualTo(before + 1);
            List<Tool> tools = answers.subList(1, answers.size()).stream()
                    .map(Attempt::tool)
                    .toList();
            Set<Long> revisions = tools.stream().map(Tool::revision).collect(Collectors.toCollection(TreeSet::new));
            assertThat(revisions)
                    .as("each write its own revision, dense after the blocker's")
                    .containsExactlyElementsOf(LongStream.rangeClosed(blocker + 1, blocker + 10)
                            .boxed()
                            .toList());
            assertThat(revision()).isEqualTo(blocker + 10);
            Map<Long, Long> txids = transactions(revisions);
            assertThat(new HashSet<>(txids.values()))
                    .as("the ten queued writes committed in one transaction")
                    .hasSize(1);
            assertThat(transactions(Set.of(blocker)).get(blocker))
                    .as("the blocker committed alone, before them")
                    .isNotIn(txids.values());
            for (Tool tool : tools) {
                assertThat(tool.description()).isEqualTo("grouped " + tool.name());
                assertThat(description(tool.name(), tool.revision())).isEqualTo("grouped " + tool.name());
                assertThat(db().queryForObject(
                                        "SELECT tool_names[1] FROM catalog_changes WHERE revision = ?",
                                        String.class,
                                        tool.revision()))
                        .isEqualTo(tool.name());
                assertThat(one().bean(CatalogReloader.class).snapshot().tool(tool.name()))
                        .as("the node reads its own writes")
                        .contains(tool);
            }
            DistributionSummary sizes = one().bean(MeterRegistry.class)
                    .get("catalog.writes.group.size")
                    .summary();
            assertThat(sizes.max()).as("the largest group").isEqualTo(10);
        }
    }

    @Nested
    class Isolation {

        @Test
        void aFailingWriteInAGroupNeverFailsItsNeighboursAndLeavesNothing() throws Exception {
            CatalogEditor editor = editor(one());
            String good1 = editor.create(tool(unique("good"), "before"), ACTOR).name();
            String good2 = editor.create(tool(unique("good"), "before"), ACTOR).name();
            String doomed =
                    editor.create(tool(unique("doomed"), "before"), ACTOR).name();
            String stale = editor.create(tool(unique("stale"), "before"), ACTOR).name();
            String taken = editor.create(tool(unique("taken"), "before"), ACTOR).name();
            String on = editor.create(tool(unique("on"), "before"), ACTOR).name();
            String missing = unique("missing");
            long before = revision() + 1; // the blocker's create

            List<Attempt> answers = inOneGroup(
                    List.of(
                            () -> editor.update(good1, patch("good one"), null, ACTOR),
                            () -> editor.update(stale, patch("stale write"), 99, ACTOR),
                            () -> editor.update(missing, patch("missing write"), null, ACTOR),
                            () -> editor.create(tool(taken, "duplicate"), ACTOR),
                            () -> editor.setEnabled(on, true, null, ACTOR),
                            () -> editor.update(good2, patch("good two"), null, ACTOR),
                            () -> editor.delete(doomed, null, ACTOR)),
                    () -> {});

            long blocker = answers.get(0).tool().revision();
            Tool one1 = answers.get(1).tool();
            Tool two2 = answers.get(6).tool();
            long deleted = (Long) answers.get(7).value();
            assertThat(List.of(one1.revision(), two2.revision(), deleted))
                    .as("the good writes: consecutive revisions after the blocker's")
                    .containsExactlyInAnyOrder(blocker + 1, blocker + 2, blocker + 3);
            assertThat(blocker).isEqualTo(before + 1);
            assertThat(revision()).isEqualTo(blocker + 3);
            assertThat(new HashSet<>(transactions(Set.of(blocker + 1, blocker + 2, blocker + 3))
                            .values()))
                    .as("one transaction")
                    .hasSize(1);
            assertThat(answers.get(2).failure()).isInstanceOf(VersionConflictException.class);
            assertThat(answers.get(3).failure()).isInstanceOf(ToolNotFoundException.class);
            assertThat(answers.get(4).failure()).isInstanceOf(ToolAlreadyExistsException.class);
            Toggled unchanged = (Toggled) answers.get(5).value();
            assertThat(unchanged.tool().enabled()).isTrue();
            assertThat(unchanged.tool().version()).isEqualTo(1);
            assertThat(unchanged.revision()).isBetween(blocker, blocker + 3);

            assertThat(description(good1, one1.revision())).isEqualTo("good one");
            assertThat(description(good2, two2.revision())).isEqualTo("good two");
            assertThat(db().queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, doomed))
                    .isZero();
            assertThat(db().queryForObject(
                                    "SELECT count(*) FROM tool_versions WHERE name IN (?, ?, ?, ?) AND revision > ?",
                                    Long.class,
                                    stale,
                                    missing,
                                    taken,
                                    on,
                                    before))
                    .as("nothing of the failed or unchanged writes")
                    .isZero();
            assertThat(db().queryForList(
                                    "SELECT name FROM tools WHERE name IN (?, ?, ?, ?) AND version = 1"
                                            + " AND description = 'before'",
                                    String.class,
                                    stale,
                                    missing,
                                    taken,
                                    on))
                    .containsExactlyInAnyOrder(stale, taken, on);
            assertThat(db().queryForList(
                                    "SELECT DISTINCT unnest(tool_names) FROM catalog_changes WHERE revision > ?",
                                    String.class,
                                    blocker))
                    .containsExactlyInAnyOrder(good1, good2, doomed);
        }
    }
}
