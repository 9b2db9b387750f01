package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A node serves only what the database holds: carried rows of a revision the database has not
 * committed are never applied, a row readers could not serve is never swapped in, and content that
 * differs under the same version is found by the digest and repaired.
 */
class ServingOnlyTheDatabaseTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private static final String UNREADABLE = "{\"default\": {\"timeout_ms\": \"soon\"}}";

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final List<ReloadEvent> events = new ArrayList<>();
    private CatalogReloader reloader;

    @BeforeEach
    void start() {
        ReloadEventListener sink = events::add;
        reloader = new CatalogReloader(
                db,
                List.of(),
                List.of(sink),
                new NodeIdentity("node-b", "http://b", NOW),
                SyncProperties.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC),
                Runnable::run,
                d -> {});
        db.commit(NOW.minusSeconds(60), "grep", "find");
        reloader.reload(ReloadRequest.of(ReloadTrigger.STARTUP, "node-b", "Initial load"));
        events.clear();
        db.readAllCalls = 0;
        db.readSinceCalls = 0;
    }

    private static CommittedChange change(long revision, String name, Instant committedAt) {
        return new CommittedChange(
                revision,
                List.of(name),
                "update",
                ReloadTrigger.API_UPDATE,
                "mallory",
                null,
                "forged",
                UUID.randomUUID(),
                "node-x",
                committedAt);
    }

    private static Tool withProfiles(Tool tool, String storedText) {
        return copy(tool, tool.description(), new ToolJson().storedProfiles(storedText));
    }

    private static Tool copy(Tool tool, String description, Map<String, Profile> profiles) {
        return Tools.from(tool).description(description).profiles(profiles).build();
    }

    @Nested
    class CarriedRevisions {

        @Test
        void aRevisionTheDatabaseHasNotCommittedIsNeverApplied() {
            RevisionRows forged = new RevisionRows(
                    change(1_000_000, "grep", NOW), 1, List.of(Tools.tool("grep", 9, 1_000_000)), List.of());
            forged = new RevisionRows(forged.change(), reloader.applied(), forged.changed(), forged.removed());

            assertThat(reloader.announced(1_000_000, forged, false, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.RANG);

            assertThat(reloader.applied()).isEqualTo(db.revision);
            assertThat(reloader.snapshot().tool("grep").orElseThrow().version()).isEqualTo(1);
        }

        @Test
        void unsignedRowsOfARevisionTheDatabaseCommittedOnlyRingTheDoorbell() {
            // anyone may publish: a real revision says nothing about the rows a stranger attached to it
            CommittedChange committed = db.commit(NOW, "grep");
            Tool forgedRow = Tools.tool("grep", 9, committed.revision());
            RevisionRows rows = new RevisionRows(committed, 1, List.of(forgedRow), List.of());

            assertThat(reloader.announced(committed.revision(), rows, false, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.RANG);
            await().until(() -> reloader.applied() == committed.revision());
            assertThat(reloader.snapshot().tool("grep").orElseThrow()).isEqualTo(db.tools.get("grep"));
        }

        @Test
        void aMessageFromAMemberNeedsNoConfirmation() {
            CommittedChange committed = db.commit(NOW, "grep");
            RevisionRows rows = new RevisionRows(committed, 1, List.of(db.tools.get("grep")), List.of());
            db.failuresLeft = 1; // a read of the revision would fail

            assertThat(reloader.announced(committed.revision(), rows, true, Duration.ofMillis(5)))
                    .isEqualTo(DoorbellOutcome.APPLIED_CARRIED);
            assertThat(db.failuresLeft).isEqualTo(1);
        }

        @Test
        void aChangeWithoutItsCommitTimeIsAppliedWithItsReloadEvent() {
            CommittedChange committed = db.commit(NOW, "grep");
            CommittedChange undated = change(committed.revision(), "grep", null);

            reloader.applyOwnCommit(new RevisionRows(undated, 1, List.of(db.tools.get("grep")), List.of()));

            assertThat(reloader.applied()).isEqualTo(committed.revision());
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.success()).isTrue();
                assertThat(e.revision()).isEqualTo(committed.revision());
                assertThat(e.propagationMs()).isNull();
            });
        }
    }

    @Nested
    class UnreadableRows {

        @Test
        void aFullReloadThatReadsOneKeepsTheLastGoodSnapshotAndNamesTheTool() {
            Tool good = reloader.snapshot().tool("grep").orElseThrow();
            db.tools.put("grep", withProfiles(good, UNREADABLE));

            ReloadEvent event = reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "node-b", "check"));

            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage()).contains("'grep'");
            assertThat(reloader.snapshot().tool("grep")).contains(good);
            assertThat(reloader.snapshot().tool("grep").orElseThrow().profiles())
                    .containsKey("default");
        }

        @Test
        void aCatchUpThatReadsOneAppliesNothingAndNamesTheTool() {
            long before = reloader.applied();
            db.commit(NOW, "grep");
            db.tools.put("grep", withProfiles(db.tools.get("grep"), UNREADABLE));

            ReloadEvent event = reloader.catchUp();

            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage()).contains("'grep'");
            assertThat(reloader.applied()).isEqualTo(before);
        }

        @Test
        void aRowReadAgainUnchangedIsNotParsedAgain() {
            Tool stored = withProfiles(Tools.tool("grep", 2, 2), "{\"default\": {\"timeout_ms\": 5}}");
            db.commit(NOW, "grep");
            db.tools.put("grep", stored);
            reloader.catchUp();

            Tool again = withProfiles(stored, "{\"default\": {\"timeout_ms\": 5}}");
            db.tools.put("grep", again);
            reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "node-b", "again"));

            assertThat(reloader.snapshot().tool("grep").orElseThrow().profiles())
                    .isSameAs(again.profiles());
            assertThat(again.profiles().get("default"))
                    .isSameAs(stored.profiles().get("default"));
        }
    }

    @Nested
    class Digest {

        @Test
        void contentThatDiffersUnderTheSameVersionIsFoundAndRepaired() {
            Tool served = reloader.snapshot().tool("grep").orElseThrow();
            db.tools.put("grep", copy(served, "forged description", served.profiles()));

            reloader.verifyDigest();

            assertThat(reloader.repairs()).isEqualTo(1);
            assertThat(reloader.snapshot().tool("grep").orElseThrow().description())
                    .isEqualTo("forged description");
        }
    }
}
