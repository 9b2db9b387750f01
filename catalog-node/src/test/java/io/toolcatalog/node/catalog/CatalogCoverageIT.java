package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.CatalogNodeApplication;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a partial catch-up is exact, decided by PostgreSQL: the change log must cover the gap and at
 * most the threshold of names (the one a reload asks for included) may be re-read. A node that
 * missed changes (written by an editor nobody announces) must end equal to the database whichever
 * way it reloads; its digest and the one PostgreSQL computes agree.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "catalog.sync.full-reload-threshold=" + CatalogCoverageIT.THRESHOLD,
            "catalog.sync.poll-interval=1h",
            "catalog.sync.digest-check-interval=1h"
        })
class CatalogCoverageIT extends CatalogNodeContext {

    static final int THRESHOLD = 3;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ToolStore tools;

    @Autowired
    ToolVersionStore versions;

    @Autowired
    ChangeLog changeLog;

    @Autowired
    ToolValidator validator;

    @Autowired
    SyncProperties sync;

    /** Writes this node never hears of: its own reloader, and no broadcast. */
    CatalogEditor behind;

    @BeforeEach
    void catchUp() {
        NodeIdentity elsewhere = new NodeIdentity("elsewhere", "http://elsewhere", Instant.now());
        CatalogReloader theirs = new CatalogReloader(
                reads, List.of(), List.of(), elsewhere, sync, Clock.systemUTC(), Runnable::run, Sleeper.real());
        behind = new CatalogEditor(
                tx,
                tools,
                versions,
                changeLog,
                validator,
                new ChangePropagation(ReloadBroadcaster.none(), theirs),
                elsewhere.nodeId(),
                Clock.systemUTC());
        reloader.catchUp();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates {@code count} tools behind the node's back, one revision each; returns their names. */
    private List<String> missed(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(behind.create(ToolDrafts.plain(unique("missed"), "d").build(), ALICE)
                    .name());
        }
        return names;
    }

    private static List<String> namesOf(CatalogDelta delta) {
        return delta.changed().stream().map(Tool::name).toList();
    }

    private void assertEqualsTheDatabase() {
        var database = reads.readAll();
        assertThat(reloader.applied()).isEqualTo(database.revision());
        assertThat(reloader.snapshot().tools()).containsExactlyInAnyOrderElementsOf(database.tools());
        assertThat(reloader.snapshot().digest()).isEqualTo(reads.digest().digest());
    }

    @Nested
    class ReadSince {

        @ParameterizedTest(name = "{0} changed names with threshold 3: complete {1}")
        @CsvSource({"2, true", "3, true", "4, false"})
        void isCompleteUpToTheThresholdOfChangedNames(int count, boolean complete) {
            long from = reloader.applied();
            List<String> names = missed(count);

            CatalogDelta delta = reads.readSince(from, THRESHOLD, List.of());

            assertThat(delta.revision()).isEqualTo(from + count);
            assertThat(delta.complete()).isEqualTo(complete);
            if (complete) {
                assertThat(namesOf(delta)).containsExactlyInAnyOrderElementsOf(names);
            } else {
                assertThat(delta.changed()).isEmpty();
                assertThat(delta.removed()).isEmpty();
            }
        }

        @Test
        void theNameAReloadAsksForCountsAgainstTheThresholdUnlessAChangeTouchedIt() {
            long from = reloader.applied();
            List<String> names = missed(THRESHOLD);
            String untouched = reloader.snapshot().tools().isEmpty()
                    ? unique("absent")
                    : reloader.snapshot().tools().get(0).name();

            CatalogDelta extra = reads.readSince(from, THRESHOLD, List.of(untouched));
            CatalogDelta sameName = reads.readSince(from, THRESHOLD, List.of(names.get(0)));

            assertThat(extra.complete()).isFalse();
            assertThat(extra.changed()).isEmpty();
            assertThat(sameName.complete()).isTrue();
            assertThat(namesOf(sameName)).containsExactlyInAnyOrderElementsOf(names);
        }

        @Test
        void aGapThePrunedChangeLogNoLongerCoversIsIncomplete() {
            long from = reloader.applied();
            missed(2);
            changeLog.pruneBefore(Instant.now().plus(1, ChronoUnit.DAYS));

            assertThat(reads.readSince(from, THRESHOLD, List.of()).complete()).isFalse();
            assertThat(reads.readSince(from + 1, THRESHOLD, List.of()).complete())
                    .as("the newest change is never pruned")
                    .isTrue();
        }

        @Test
        void aDeletedNameComesBackAsRemoved() {
            String name = missed(1).get(0);
            reloader.catchUp();
            long from = reloader.applied();
            behind.delete(name, null, ALICE);

            CatalogDelta delta = reads.readSince(from, THRESHOLD, List.of());

            assertThat(delta.complete()).isTrue();
            assertThat(delta.removed()).containsExactly(name);
        }

        @Test
        void aRevisionTheDatabaseNeverReachedIsIncomplete() {
            assertThat(reads.readSince(reloader.applied() + 5, THRESHOLD, List.of())
                            .complete())
                    .isFalse();
        }
    }

    @Nested
    class LaggingNode {

        @Test
        void missingExactlyTheThresholdThenReloadingAnotherToolEndsEqualToTheDatabase() {
            String asked = behind.create(ToolDrafts.plain(unique("asked"), "d").build(), ALICE)
                    .name();
            reloader.catchUp();
            missed(THRESHOLD);

            ReloadEvent event = reloader.reload(new ReloadRequest(
                    ReloadTrigger.MANUAL, asked, "ops", "admin", "one tool", UUID.randomUUID(), "node"));

            assertThat(event.success()).isTrue();
            assertEqualsTheDatabase();
        }

        @Test
        void missingExactlyTheThresholdCatchesUpPartially() {
            missed(THRESHOLD);

            ReloadEvent event = reloader.catchUp();

            assertThat(event.kind()).isEqualTo(ReloadKind.PARTIAL);
            assertThat(event.toolsChanged()).isEqualTo(THRESHOLD);
            assertEqualsTheDatabase();
        }

        @Test
        void missingOneMoreThanTheThresholdCatchesUpWithAFullReload() {
            missed(THRESHOLD + 1);

            ReloadEvent event = reloader.catchUp();

            assertThat(event.kind()).isEqualTo(ReloadKind.FULL);
            assertEqualsTheDatabase();
        }

        @Test
        void reloadingATouchedToolAfterMissingTheThresholdIsPartialAndExact() {
            List<String> names = missed(THRESHOLD);

            ReloadEvent event = reloader.reload(new ReloadRequest(
                    ReloadTrigger.WEBHOOK, names.get(1), "ci", "webhook", "one tool", UUID.randomUUID(), "node"));

            assertThat(event.kind()).isEqualTo(ReloadKind.PARTIAL);
            assertEqualsTheDatabase();
        }
    }

    @Nested
    class Digest {

        @Test
        void theSnapshotsDigestEqualsTheOnePostgresqlComputesAtTheSameRevision() {
            List<String> names = missed(THRESHOLD);
            behind.update(names.get(0), ToolDrafts.patch().description("v2").build(), null, ALICE);
            behind.delete(names.get(1), null, ALICE);
            reloader.catchUp();

            var database = reads.digest();

            assertThat(database.revision()).isEqualTo(reloader.applied());
            assertThat(database.digest()).isEqualTo(reloader.snapshot().digest());
            assertThat(database.digest())
                    .isNotEqualTo(
                            io.toolcatalog.core.reload.CatalogSnapshot.empty().digest());
        }
    }
}
