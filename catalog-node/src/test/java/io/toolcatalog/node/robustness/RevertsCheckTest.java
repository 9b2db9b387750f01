package io.toolcatalog.node.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The revert property on a hand-made history: revision 3 imported t1 (changed) and t2 (created);
 * revision 4 reverted it.
 */
class RevertsCheckTest {

    static final ObjectNode T1_OLD = HistoryChecksTest.tool("t1", 1, 1, "old", true);
    static final ObjectNode T1_NEW = HistoryChecksTest.tool("t1", 2, 3, "new", true);
    static final ObjectNode T2 = HistoryChecksTest.tool("t2", 1, 3, "created", true);

    private final RevertsCheck check = new RevertsCheck();

    /** t1 as revision 4 wrote it: {@code from}'s content, as version 3. */
    static ObjectNode restored(ObjectNode from) {
        return from.deepCopy().put("version", 3).put("revision", 4);
    }

    static DatabaseHistory history(ObjectNode t1AtRevert, String revertOperation) {
        return DatabaseHistory.of(
                4,
                List.of(
                        new VersionRow("t1", 1, 1, "create", T1_OLD),
                        new VersionRow("t1", 2, 3, "import", T1_NEW),
                        new VersionRow("t2", 1, 3, "import", T2),
                        new VersionRow("t1", 3, 4, "revert", t1AtRevert),
                        new VersionRow("t2", 2, 4, "delete", T2)),
                new TreeMap<>(Map.of(
                        1L, new LoggedChange(1, List.of("t1"), "create"),
                        3L, new LoggedChange(3, List.of("t1", "t2"), "import"),
                        4L, new LoggedChange(4, List.of("t1", "t2"), revertOperation))),
                List.of());
    }

    static Operation revert(long header) {
        String body =
                "{\"reverted_revision\": 3, \"revision\": 4, \"tools\": [{\"name\": \"t1\", \"action\": \"restore\"},"
                        + " {\"name\": \"t2\", \"action\": \"delete\"}]}";
        return new Operation(
                1,
                0,
                "n1",
                1,
                OpKind.REVERT,
                "POST",
                "/api/v1/revisions/3/revert",
                null,
                null,
                null,
                0,
                1,
                200,
                "application/json",
                null,
                header,
                body,
                null,
                false);
    }

    @Test
    void passesARevertThatRestoredEveryTool() {
        assertThat(check.check(List.of(revert(4)), history(restored(T1_OLD), "revert")))
                .isEmpty();
    }

    @Test
    void flagsAToolNotPutBackAsItWas() {
        assertThat(check.check(List.of(revert(4)), history(restored(T1_NEW), "revert")))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("t1 at revision 4"));
    }

    @Test
    void flagsAChangeLogThatDoesNotRecordARevertOrAHeaderBelowIt() {
        DatabaseHistory history = history(restored(T1_OLD), "update");
        assertThat(check.check(List.of(revert(3)), history)).singleElement().satisfies(v -> assertThat(v.detail())
                .contains("no revert at revision 4", "header 3"));
    }
}
