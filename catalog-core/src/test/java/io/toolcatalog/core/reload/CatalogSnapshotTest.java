package io.toolcatalog.core.reload;

import static io.toolcatalog.core.testing.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.tool.Tool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogSnapshotTest {

    @Test
    void appliesChangesWithoutTouchingTheOriginal() {
        CatalogSnapshot base = CatalogSnapshot.of(1, List.of(tool("a", 1, 1), tool("b", 1, 1)));

        CatalogSnapshot next = base.apply(2, List.of(tool("a", 2, 2), tool("c", 1, 2)), List.of("b"));

        assertThat(next.revision()).isEqualTo(2);
        assertThat(next.tools()).extracting(Tool::name).containsExactly("a", "c");
        assertThat(next.tool("a")).get().extracting(Tool::version).isEqualTo(2);
        assertThat(base.tools()).extracting(Tool::name).containsExactly("a", "b");
        assertThat(base.tool("a")).get().extracting(Tool::version).isEqualTo(1);
    }

    @Test
    void digestDependsOnNamesAndVersionsNotOnOrderOrHistory() {
        CatalogSnapshot built = CatalogSnapshot.of(3, List.of(tool("b", 2, 3), tool("a", 1, 1)));
        CatalogSnapshot applied = CatalogSnapshot.of(1, List.of(tool("a", 1, 1), tool("b", 1, 1)))
                .apply(3, List.of(tool("b", 2, 3)), List.of());

        assertThat(applied.digest()).isEqualTo(built.digest());
        assertThat(applied.apply(4, List.of(tool("b", 3, 4)), List.of()).digest())
                .isNotEqualTo(built.digest());
        assertThat(built.apply(4, List.of(), List.of("a", "b")).digest())
                .isEqualTo(CatalogSnapshot.empty().digest());
    }

    @Test
    void listsDifferencesByVersionAndPresence() {
        CatalogSnapshot before = CatalogSnapshot.of(1, List.of(tool("a", 1, 1), tool("b", 1, 1), tool("c", 1, 1)));
        CatalogSnapshot after = CatalogSnapshot.of(2, List.of(tool("a", 1, 1), tool("b", 2, 2), tool("d", 1, 2)));

        assertThat(after.differencesFrom(before)).isEqualTo(Set.of("b", "c", "d"));
    }

    @Test
    void listsNamesOnlyTheOtherHoldsWhenAllOfOursAreShared() {
        CatalogSnapshot before = CatalogSnapshot.of(1, List.of(tool("a", 1, 1), tool("b", 1, 1), tool("c", 1, 1)));
        CatalogSnapshot after = before.apply(2, List.of(tool("b", 2, 2)), List.of("c"));

        assertThat(after.differencesFrom(before)).isEqualTo(Set.of("b", "c"));
        assertThat(before.differencesFrom(after)).isEqualTo(Set.of("b", "c"));
        assertThat(after.differencesFrom(after)).isEmpty();
    }

    /**
     * Applies are layered over a shared base and folded into a new one past about √n changes: many
     * small applies, through several folds, must still equal the catalog built from scratch.
     */
    @Test
    void manySmallAppliesEqualTheCatalogBuiltFromScratch() {
        Random random = new Random(42);
        Map<String, Tool> expected = new HashMap<>();
        List<Tool> initial = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Tool t = tool("t" + i, 1, 1);
            initial.add(t);
            expected.put(t.name(), t);
        }
        CatalogSnapshot snapshot = CatalogSnapshot.of(1, initial);
        CatalogSnapshot previous = snapshot;
        for (long revision = 2; revision < 300; revision++) {
            List<Tool> changed = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                String name = "t" + random.nextInt(500);
                if (removed.contains(name)
                        || changed.stream().anyMatch(t -> t.name().equals(name))) {
                    continue;
                }
                if (random.nextInt(4) == 0) {
                    removed.add(name);
                    expected.remove(name);
                } else {
                    Tool current = expected.get(name);
                    Tool next = tool(name, current == null ? 1 : current.version() + 1, revision);
                    changed.add(next);
                    expected.put(name, next);
                }
            }
            previous = snapshot;
            snapshot = snapshot.apply(revision, changed, removed);

            CatalogSnapshot scratch = CatalogSnapshot.of(revision, expected.values());
            assertThat(snapshot.size()).isEqualTo(expected.size());
            assertThat(snapshot.digest()).isEqualTo(scratch.digest());
            assertThat(snapshot.tools()).isEqualTo(scratch.tools());
            assertThat(snapshot.differencesFrom(scratch)).isEmpty();
            assertThat(scratch.differencesFrom(snapshot)).isEmpty();
            for (Tool t : changed) {
                assertThat(snapshot.tool(t.name())).contains(t);
            }
            for (String name : removed) {
                assertThat(snapshot.tool(name)).isEmpty();
            }
        }
        // an earlier snapshot is untouched by the ones applied after it
        assertThat(previous.differencesFrom(snapshot)).isNotEmpty();
        assertThat(previous.size()).isEqualTo(previous.tools().size());
    }
}
