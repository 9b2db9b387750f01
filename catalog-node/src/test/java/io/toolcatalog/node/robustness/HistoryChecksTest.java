package io.toolcatalog.node.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The checker's properties on a hand-made history: each flags what breaks it and passes what does
 * not, so a green randomized run means the cluster behaved, not that the checks looked away.
 * History: t1 created at revision 1, updated at 2; t2 created at 3; t1 deleted at 4.
 */
class HistoryChecksTest {

    static final ObjectNode T1_V1 = tool("t1", 1, 1, "first", true);
    static final ObjectNode T1_V2 = tool("t1", 2, 2, "second", true);
    static final ObjectNode T2_V1 = tool("t2", 1, 3, "other", false);
    static final ObjectNode T1_GONE = tool("t1", 3, 4, "second", true);

    private final DatabaseHistory history = history(List.of());

    /** The history above, with {@code edits} made by hand. */
    static DatabaseHistory history(List<HandEdit> edits) {
        return DatabaseHistory.of(
                4,
                List.of(
                        new VersionRow("t1", 1, 1, "create", T1_V1),
                        new VersionRow("t1", 2, 2, "update", T1_V2),
                        new VersionRow("t2", 1, 3, "create", T2_V1),
                        new VersionRow("t1", 3, 4, "delete", T1_GONE)),
                new TreeMap<>(java.util.Map.of(
                        1L, new LoggedChange(1, List.of("t1"), "create"),
                        2L, new LoggedChange(2, List.of("t1"), "update"),
                        3L, new LoggedChange(3, List.of("t2"), "create"),
                        4L, new LoggedChange(4, List.of("t1"), "delete"))),
                edits);
    }

    @Nested
    class ReadsMatchHistory {

        private final ReadsMatchHistoryCheck check = new ReadsMatchHistoryCheck();

        @Test
        void passesAToolReadEqualToTheDatabaseAtItsHeader() {
            assertThat(check.check(List.of(read(OpKind.GET_TOOL, "t1", 200, 3, T1_V2)), history))
                    .isEmpty();
        }

        @Test
        void flagsAToolReadOlderThanItsHeader() {
            assertThat(check.check(List.of(read(OpKind.GET_TOOL, "t1", 200, 2, T1_V1)), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("t1 v2"));
        }

        @Test
        void flagsA404UnderAHeaderAtWhichTheToolExistedButNotAfterItsDeletion() {
            assertThat(check.check(List.of(read(OpKind.GET_TOOL, "t1", 404, 2, null)), history))
                    .hasSize(1);
            assertThat(check.check(List.of(read(OpKind.GET_TOOL, "t1", 404, 4, null)), history))
                    .isEmpty();
        }

        @Test
        void flagsAHeaderPastTheDatabasesRevision() {
            assertThat(check.check(List.of(read(OpKind.GET_TOOL, "t2", 200, 5, T2_V1)), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("past the database's revision"));
        }

        @Test
        void passesAListOfEveryToolAtItsHeader() {
            assertThat(check.check(List.of(read(OpKind.LIST, null, 200, 3, list(3, T1_V2, T2_V1))), history))
                    .isEmpty();
        }

        @Test
        void namesAListTrueToAnEarlierRevisionAsOlderThanItsHeader() {
            assertThat(check.check(List.of(read(OpKind.LIST, null, 200, 3, list(2, T1_V2))), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.property()).isEqualTo(ReadsMatchHistoryCheck.OLDER));
        }

        @Test
        void namesAListThatWasNeverTheDatabasesStateAsASnapshotThatSkippedChanges() {
            // t1 still at version 1 at revision 3: the update of revision 2 was skipped
            assertThat(check.check(List.of(read(OpKind.LIST, null, 200, 3, list(3, T1_V1, T2_V1))), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.property()).isEqualTo(ReadsMatchHistoryCheck.SNAPSHOT_WRONG));
        }

        @Test
        void checksProfilesAgainstTheEnabledToolsOnly() {
            ObjectNode right = ToolDocuments.JSON.createObjectNode().put("revision", 3);
            right.putObject("tools").set("t1", T1_V2.get("profiles"));
            ObjectNode withDisabled = right.deepCopy();
            ((ObjectNode) withDisabled.get("tools")).set("t2", T2_V1.get("profiles"));

            assertThat(check.check(List.of(read(OpKind.PROFILES, null, 200, 3, right)), history))
                    .isEmpty();
            assertThat(check.check(List.of(read(OpKind.PROFILES, null, 200, 3, withDisabled)), history))
                    .hasSize(1);
        }
    }

    @Nested
    class MonotonicRevisions {

        private final MonotonicRevisionCheck check = new MonotonicRevisionCheck();

        @Test
        void flagsARevisionBelowOneTheNodeAnsweredBeforeTheRequestWasSent() {
            assertThat(check.check(List.of(timed(1, "n1", 1, 0, 10, 3), timed(2, "n1", 1, 20, 30, 2)), history))
                    .hasSize(1);
        }

        @Test
        void allowsRequestsInFlightTogetherToBeAnsweredInEitherOrder() {
            assertThat(check.check(List.of(timed(1, "n1", 1, 0, 30, 3), timed(2, "n1", 1, 10, 20, 2)), history))
                    .isEmpty();
        }

        @Test
        void startsAfreshWithEachProcessLifetimeAndEachNode() {
            assertThat(check.check(
                            List.of(
                                    timed(1, "n1", 1, 0, 10, 3),
                                    timed(2, "n1", 2, 20, 30, 2),
                                    timed(3, "n2", 1, 20, 30, 1)),
                            history))
                    .isEmpty();
        }
    }

    @Nested
    class ServerErrors {

        private final ServerErrorCheck check = new ServerErrorCheck();

        @Test
        void flagsA500AndA503ThatIsNoProblemDocumentButPassesADegraded503() {
            assertThat(check.check(
                            List.of(
                                    answered(1, 500, "application/problem+json", null),
                                    answered(2, 503, "text/plain", "1"),
                                    answered(3, 503, "application/problem+json", "1")),
                            history))
                    .extracting(v -> v.operation().id())
                    .containsExactly(1L, 2L);
        }

        @Test
        void flagsNoAnswerOnlyFromANodeThatWasUpAllAlong() {
            assertThat(check.check(List.of(unanswered(1, false), unanswered(2, true)), history))
                    .extracting(v -> v.operation().id())
                    .containsExactly(1L);
        }
    }

    @Nested
    class Writes {

        private final AcknowledgedWritesCheck check = new AcknowledgedWritesCheck();

        @Test
        void passesAnUpdateThatIsInTheHistoryAtItsRevision() {
            assertThat(check.check(List.of(write(OpKind.UPDATE, "t1", 2, T1_V2)), history))
                    .isEmpty();
        }

        @Test
        void flagsAnUpdateWhoseHeaderIsBelowTheRevisionItCommitted() {
            assertThat(check.check(List.of(write(OpKind.UPDATE, "t1", 1, T1_V2)), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("below the revision 2"));
        }

        @Test
        void flagsAnAnswerTheHistoryDoesNotHold() {
            ObjectNode lost = tool("t1", 9, 9, "lost", true);
            assertThat(check.check(List.of(write(OpKind.UPDATE, "t1", 9, lost)), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("not in tool_versions"));
        }

        @Test
        void flagsADeletionTheHistoryDoesNotHold() {
            JsonNode deleted = ToolDocuments.JSON
                    .createObjectNode()
                    .put("name", "t2")
                    .put("deleted", true)
                    .put("revision", 4);
            assertThat(check.check(List.of(write(OpKind.DELETE, "t2", 4, deleted)), history))
                    .hasSize(1);
        }
    }

    @Test
    void flagsARevisionMissingFromTheChangeLog() {
        DatabaseHistory gap = DatabaseHistory.of(
                2,
                List.of(new VersionRow("t1", 1, 1, "create", T1_V1), new VersionRow("t1", 2, 2, "update", T1_V2)),
                new TreeMap<>(java.util.Map.of(1L, new LoggedChange(1, List.of("t1"), "create"))));
        assertThat(new DatabaseInvariantCheck().check(List.of(), gap))
                .singleElement()
                .satisfies(v -> assertThat(v.detail()).contains("revision 2"));
        assertThat(new DatabaseInvariantCheck().check(List.of(), history)).isEmpty();
    }

    @Test
    void flagsAMinRevisionReadAnsweredBelowIt() {
        Operation below = new Operation(
                1, 0, "n1", 1, OpKind.LIST, "GET", "/", null, null, 3L, 0, 1, 200, null, null, 2L, "{}", null, false);
        assertThat(new MinRevisionCheck().check(List.of(below), history)).hasSize(1);
    }

    static ObjectNode tool(String name, int version, long revision, String description, boolean enabled) {
        ObjectNode tool = ToolDocuments.JSON.createObjectNode();
        tool.put("name", name)
                .put("description", description)
                .put("category", "search")
                .put("enabled", enabled);
        tool.putArray("tags").add("text");
        tool.putObject("profiles").putObject("default").put("timeout_ms", 1000 * version);
        tool.put("version", version)
                .put("revision", revision)
                .put("created_at", "2026-11-28T08:00:00.000001Z")
                .put("created_by", "admin")
                .put("updated_at", "2026-11-28T08:00:0" + version + "Z")
                .put("updated_by", "admin");
        return tool;
    }

    private static ObjectNode list(long revision, ObjectNode... tools) {
        ObjectNode body = ToolDocuments.JSON.createObjectNode();
        body.putArray("tools").addAll(List.of(tools));
        return body.put("total", tools.length).put("revision", revision);
    }

    private static Operation read(OpKind kind, String tool, int status, long revision, JsonNode body) {
        return new Operation(
                1,
                0,
                "n1",
                1,
                kind,
                "GET",
                "/",
                tool,
                null,
                null,
                0,
                1,
                status,
                "application/json",
                null,
                revision,
                body == null ? "{}" : body.toString(),
                null,
                false);
    }

    private static Operation write(OpKind kind, String tool, long header, JsonNode body) {
        return new Operation(
                1,
                0,
                "n1",
                1,
                kind,
                "PUT",
                "/",
                tool,
                null,
                null,
                0,
                1,
                200,
                "application/json",
                null,
                header,
                body.toString(),
                null,
                false);
    }

    private static Operation timed(long id, String node, int lifetime, double start, double end, long revision) {
        return new Operation(
                id,
                0,
                node,
                lifetime,
                OpKind.PROFILES,
                "GET",
                "/",
                null,
                null,
                null,
                start,
                end,
                200,
                null,
                null,
                revision,
                "{}",
                null,
                false);
    }

    private static Operation answered(long id, int status, String contentType, String retryAfter) {
        return new Operation(
                id,
                0,
                "n1",
                1,
                OpKind.UPDATE,
                "PUT",
                "/",
                "t1",
                null,
                null,
                0,
                1,
                status,
                contentType,
                retryAfter,
                1L,
                "{}",
                null,
                false);
    }

    private static Operation unanswered(long id, boolean disturbed) {
        return new Operation(
                id,
                0,
                "n1",
                1,
                OpKind.GET_TOOL,
                "GET",
                "/",
                "t1",
                null,
                null,
                0,
                1,
                0,
                null,
                null,
                null,
                null,
                "java.net.ConnectException",
                disturbed);
    }
}
