package io.toolcatalog.node.robustness;

import static io.toolcatalog.node.robustness.HistoryChecksTest.T1_V1;
import static io.toolcatalog.node.robustness.HistoryChecksTest.T1_V2;
import static io.toolcatalog.node.robustness.HistoryChecksTest.T2_V1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The watcher checks on a hand-made history, so a green run means the watchers were right, not
 * that the checks looked away. t1 created at revision 1, updated at 2; t2 created at 3; t1 deleted
 * at 4. After revision 3 committed, t2's description was edited by hand (servable), and t1's
 * profiles were made unreadable for a while (not servable).
 */
class WatchChecksTest {

    private static final ObjectNode T2_EDITED = T2_V1.deepCopy().put("description", "edited by hand");
    private static final ObjectNode T1_BAD =
            (ObjectNode) T1_V2.deepCopy().set("profiles", ToolDocuments.parse(HandEditor.BAD_PROFILES));

    private final DatabaseHistory history = HistoryChecksTest.history(List.of(
            new HandEdit("t2", 3, T2_EDITED, true, 500, Double.MAX_VALUE),
            new HandEdit("t1", 3, T1_BAD, false, 600, 700)));

    private final List<WatchEvent> events = new ArrayList<>();

    @Nested
    class Chain {

        @Test
        void passesASnapshotThenOneChangePerRevision() {
            open(null);
            snapshot(1, T1_V1);
            change(1, 2, List.of(T1_V2));
            change(2, 3, List.of(T2_V1));
            change(3, 4, List.of(), "t1");
            assertThat(check(null)).isEmpty();
        }

        @Test
        void passesAChangeThatCoversSeveralRevisions() {
            open(null);
            snapshot(1, T1_V1);
            change(1, 3, List.of(T1_V2, T2_V1));
            assertThat(check(null)).isEmpty();
        }

        @Test
        void flagsASkippedRevision() {
            open(null);
            snapshot(1, T1_V1);
            change(2, 3, List.of(T1_V2, T2_V1));
            assertThat(check(null)).singleElement().satisfies(v -> assertThat(v.detail())
                    .contains("skipped"));
        }

        @Test
        void flagsARepeatedRevision() {
            open(null);
            snapshot(2, T1_V2);
            change(1, 2, List.of(T1_V2));
            assertThat(check(null)).singleElement().satisfies(v -> assertThat(v.detail())
                    .contains("repeated"));
        }

        @Test
        void resumesExactlyFromTheStartPointSent() {
            open(null);
            snapshot(2, T1_V2);
            open(2L);
            change(2, 3, List.of(T2_V1));
            assertThat(check(null)).isEmpty();
            open(3L);
            change(2, 4, List.of(), "t1");
            assertThat(check(null)).extracting(Violation::property).contains(WatchHistoryCheck.CHAIN);
        }

        @Test
        void letsASnapshotRepeatItsRevisionButNeverGoBack() {
            open(null);
            snapshot(3, T1_V2, T2_V1);
            snapshot(3, T1_V2, T2_EDITED);
            assertThat(check(null)).isEmpty();
            snapshot(2, T1_V2);
            assertThat(check(null)).singleElement().satisfies(v -> assertThat(v.detail())
                    .contains("went back"));
        }
    }

    @Nested
    class State {

        @Test
        void flagsAChangeThatLeavesTheWatcherBehindTheDatabase() {
            open(null);
            snapshot(1, T1_V1);
            change(1, 2, List.of());
            assertThat(check(null)).singleElement().satisfies(v -> assertThat(v.property())
                    .isEqualTo(WatchHistoryCheck.STATE));
        }

        @Test
        void comparesAFilteredWatcherOnlyOnItsTools() {
            open(null);
            snapshot(3, T2_V1);
            assertThat(check(Set.of("t2"))).isEmpty();
            assertThat(check(null)).hasSize(1);
        }

        @Test
        void acceptsAServableHandEditOrTheContentBeforeItUntilTheEnd() {
            open(null);
            snapshot(3, T1_V2, T2_V1);
            snapshot(3, T1_V2, T2_EDITED);
            assertThat(check(null)).isEmpty();
            assertThat(history.at("t2", 3))
                    .get()
                    .extracting(VersionRow::document)
                    .isEqualTo(T2_EDITED);
            assertThat(history.at("t2", 2)).isEmpty();
        }

        @Test
        void neverAcceptsAnUnservableRow() {
            open(null);
            snapshot(3, T1_BAD, T2_V1);
            assertThat(check(null)).singleElement().satisfies(v -> assertThat(v.detail())
                    .contains("profiles"));
        }
    }

    @Nested
    class Settled {

        @Test
        void requiresTheHandEditedContentAtTheEnd() {
            open(null);
            snapshot(3, T1_V2, T2_V1);
            change(3, 4, List.of(), "t1");
            assertThat(settle())
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("t2").contains("edited by hand"));
            snapshot(4, T2_EDITED);
            assertThat(settle()).isEmpty();
        }

        private List<Violation> settle() {
            return WatchersSettle.check(List.of(watcher()), history, null, Duration.ofMillis(300));
        }
    }

    @Nested
    class HandEditsInReads {

        @Test
        void letsAReadShowAServableHandEditOrTheRowBeforeIt() {
            ReadsMatchHistoryCheck reads = new ReadsMatchHistoryCheck();
            assertThat(reads.check(List.of(op(OpKind.GET_TOOL, "t2", 200, 3, T2_EDITED, 550)), history))
                    .isEmpty();
            assertThat(reads.check(List.of(op(OpKind.GET_TOOL, "t2", 200, 3, T2_V1, 550)), history))
                    .isEmpty();
        }

        @Test
        void flagsAReadThatServesAnUnservableRow() {
            assertThat(new ReadsMatchHistoryCheck()
                            .check(List.of(op(OpKind.GET_TOOL, "t1", 200, 3, T1_BAD, 650)), history))
                    .singleElement()
                    .satisfies(v -> assertThat(v.detail()).contains("soon"));
        }

        @Test
        void flagsAReadAnswered500WhileARowIsBadButNotAReload() {
            ServerErrorCheck errors = new ServerErrorCheck();
            assertThat(errors.check(List.of(op(OpKind.PROFILES, null, 500, 3, null, 650)), history))
                    .hasSize(1);
            assertThat(errors.check(List.of(op(OpKind.RELOAD_ALL, null, 500, 3, null, 650)), history))
                    .isEmpty();
            assertThat(errors.check(List.of(op(OpKind.RELOAD_ALL, null, 500, 3, null, 750)), history))
                    .hasSize(1);
        }

        private Operation op(OpKind kind, String tool, int status, long revision, JsonNode body, double atMs) {
            return new Operation(
                    1,
                    0,
                    "n1",
                    1,
                    kind,
                    kind.isRead() ? "GET" : "POST",
                    "/",
                    tool,
                    null,
                    null,
                    atMs,
                    atMs + 5,
                    status,
                    "application/problem+json",
                    null,
                    revision,
                    body == null ? "{}" : body.toString(),
                    null,
                    false);
        }
    }

    private List<Violation> check(Set<String> filter) {
        return WatchHistoryCheck.check("w", events, filter, ToolDocuments::normalize, history);
    }

    private Watcher watcher() {
        List<WatchEvent> seen = List.copyOf(events);
        return new Watcher() {
            public String name() {
                return "w";
            }

            public Set<String> filter() {
                return null;
            }

            public UnaryOperator<JsonNode> shape() {
                return ToolDocuments::normalize;
            }

            public List<WatchEvent> events() {
                return seen;
            }

            public void start() {}

            public void close() {}
        };
    }

    private void open(Long since) {
        events.add(WatchEvent.open("w", "n1", since, events.size()));
    }

    private void snapshot(long revision, ObjectNode... tools) {
        List<JsonNode> all = new ArrayList<>();
        for (ObjectNode tool : tools) {
            all.add(ToolDocuments.normalize(tool));
        }
        events.add(new WatchEvent("w", "n1", WatchEvent.SNAPSHOT, revision, null, all, List.of(), events.size(), ""));
    }

    private void change(long from, long revision, List<ObjectNode> changed, String... removed) {
        List<JsonNode> all = new ArrayList<>();
        changed.forEach(tool -> all.add(ToolDocuments.normalize(tool)));
        events.add(
                new WatchEvent("w", "n1", WatchEvent.CHANGE, revision, from, all, List.of(removed), events.size(), ""));
    }
}
