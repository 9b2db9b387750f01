package io.toolcatalog.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class McpToolListTest {

    private final McpToolList list = new McpToolList(2);

    private static CatalogSnapshot snapshot(String... names) {
        return CatalogSnapshot.of(
                7, List.of(names).stream().map(ListChangedNotifierTest::tool).toList());
    }

    private static List<String> names(McpSchema.ListToolsResult page) {
        return page.tools().stream().map(McpSchema.Tool::name).toList();
    }

    @Test
    void pagesFollowNameOrderAndTheLastPageHasNoCursor() {
        CatalogSnapshot catalog = snapshot("c", "a", "e", "b", "d");

        McpSchema.ListToolsResult first = list.page(catalog.stableView(), null);
        McpSchema.ListToolsResult second = list.page(catalog.stableView(), first.nextCursor());
        McpSchema.ListToolsResult third = list.page(catalog.stableView(), second.nextCursor());

        assertThat(names(first)).containsExactly("a", "b");
        assertThat(names(second)).containsExactly("c", "d");
        assertThat(names(third)).containsExactly("e");
        assertThat(third.nextCursor()).isNull();
        assertThat(first.meta()).containsEntry("revision", 7L);
    }

    @Test
    void aCursorStillLeadsOnWhenItsToolWasRemovedMeanwhile() {
        String cursor = list.page(snapshot("a", "b", "c").stableView(), null).nextCursor();

        assertThat(names(list.page(snapshot("a", "c").stableView(), cursor))).containsExactly("c");
    }

    @Test
    void leavesDisabledToolsOut() {
        CatalogSnapshot catalog = CatalogSnapshot.of(
                1, List.of(ListChangedNotifierTest.tool("a").withEnabled(false), ListChangedNotifierTest.tool("b")));

        assertThat(names(list.page(catalog.stableView(), null))).containsExactly("b");
    }

    @Test
    void aCursorTheServerDidNotGiveIsInvalidParams() {
        assertThatThrownBy(() -> list.page(snapshot("a").stableView(), "not base64!"))
                .isInstanceOf(McpError.class)
                .satisfies(e -> assertThat(((McpError) e).getJsonRpcError().code())
                        .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
    }
}
