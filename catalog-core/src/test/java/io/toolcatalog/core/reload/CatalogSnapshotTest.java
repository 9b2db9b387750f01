package io.toolcatalog.core.reload;

import static io.toolcatalog.core.tool.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.tool.Tool;
import java.util.List;
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
}
