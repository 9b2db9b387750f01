package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.RevisionDigest;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Anyone who can publish on the channel can forge a message; without a cluster key a node still
 * serves only what the database holds. The revision poll is at an hour, so a forged message is the
 * only thing that could move node b; the digest check (which also catches up) runs every 2 s, so a
 * forged message published right after a write reaches b first.
 */
class ForgedMessageIT {

    private static final Map<String, String> PROPS = Map.of(
            "catalog.sync.poll-interval", "1h",
            "catalog.sync.digest-check-interval", "2s",
            "catalog.cluster.message-key", ""); // unsigned, as a stranger's messages are

    @RegisterExtension
    static final NodePair nodes = new NodePair("forged", PROPS);

    private static CatalogReloader reloader(Node node) {
        return node.bean(CatalogReloader.class);
    }

    private static long database() {
        return nodes.a().bean(CatalogReads.class).revision();
    }

    private static double received(String outcome) {
        return nodes.receivedByB(outcome);
    }

    private static void publish(ChangeMessage message) {
        nodes.publish(new ClusterJson().write(message));
    }

    /** A write on node a that nobody announces: node b is one revision behind until something tells it. */
    private static Tool silentWrite(String name) {
        CatalogEditor silent = new CatalogEditor(
                nodes.a().bean(TransactionTemplate.class),
                nodes.a().bean(ToolStore.class),
                nodes.a().bean(ToolVersionStore.class),
                nodes.a().bean(ChangeLog.class),
                nodes.a().bean(ToolValidator.class),
                new ChangePropagation(ReloadBroadcaster.none(), reloader(nodes.a())),
                nodes.a().bean(NodeIdentity.class).nodeId(),
                Clock.systemUTC());
        return silent.create(ClusterMutations.draft(name, "the real description"), Actor.of("it"));
    }

    private static ChangeMessage forged(long revision, Tool tool, Instant committedAt) {
        CommittedChange change = new CommittedChange(
                revision,
                List.of(tool.name()),
                "create",
                ReloadTrigger.API_UPDATE,
                "mallory",
                null,
                "forged",
                UUID.randomUUID(),
                "mallory-node",
                committedAt);
        return ChangeMessage.carrying(new RevisionRows(change, revision - 1, List.of(tool), List.of()));
    }

    private static Tool as(Tool tool, String description, long revision) {
        return Tools.from(tool).description(description).revision(revision).build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aRevisionTheDatabaseHasNotCommittedIsNeverServed() {
        Tool real =
                nodes.a().bean(CatalogEditor.class).create(ClusterMutations.draft(unique("real"), "x"), Actor.of("it"));
        await().atMost(Duration.ofSeconds(5)).until(() -> reloader(nodes.b()).applied() >= real.revision());
        long applied = reloader(nodes.b()).applied();
        double rang = received("rang");

        publish(forged(applied + 1, as(real, "forged", applied + 1), Instant.now()));
        publish(forged(1_000_000, as(real, "forged", 1_000_000), Instant.now()));

        await().atMost(Duration.ofSeconds(5)).until(() -> received("rang") >= rang + 2);
        assertThat(reloader(nodes.b()).applied()).isEqualTo(database());
        assertThat(reloader(nodes.b())
                        .snapshot()
                        .tool(real.name())
                        .orElseThrow()
                        .description())
                .isEqualTo("x");

        long next = nodes.a()
                .bean(CatalogEditor.class)
                .create(ClusterMutations.draft(unique("next"), "x"), Actor.of("it"))
                .revision();
        await().atMost(Duration.ofSeconds(5)).until(() -> reloader(nodes.b()).applied() == next);
    }

    @Test
    void rowsWithoutTheirCommitTimeAreRefusedAndTheMessageOnlyRings() {
        Tool written = silentWrite(unique("undated"));
        double invalid = received("invalid_rows");

        publish(forged(written.revision(), written, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> received("invalid_rows") > invalid);
        await().atMost(Duration.ofSeconds(5)).until(() -> reloader(nodes.b()).applied() >= written.revision());
        assertThat(reloader(nodes.b()).snapshot().tool(written.name())).contains(written);
    }

    @Test
    void unsignedRowsUnderARealRevisionOnlyRingTheDoorbell() {
        Tool written = silentWrite(unique("forged-content"));
        double carried = received("applied_carried");
        double rang = received("rang");

        publish(forged(written.revision(), as(written, "forged content", written.revision()), Instant.now()));

        // the revision is real, but anyone may publish: b reads the database's rows instead
        await().atMost(Duration.ofSeconds(5)).until(() -> received("rang") > rang);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(reloader(nodes.b()).snapshot().tool(written.name()))
                        .contains(written));
        assertThat(received("applied_carried")).isEqualTo(carried);
    }

    @Test
    void theDigestPostgresqlComputesEqualsTheNodesWhateverTheContent() {
        ToolDraft odd = ToolDrafts.named(unique("odd"))
                .description("naïve \"quoted\" ✓ 𝄞 line\nbreak")
                .tags("b", "a", "ünï")
                .enabled(false)
                .profile(
                        "p",
                        new Profile(100, 0, 0.1, 1e-7, 0.0, Map.of("big", 12_345_678_901_234L, "x", List.of(1, "two"))))
                .author("author")
                .build();
        long revision =
                nodes.a().bean(CatalogEditor.class).create(odd, Actor.of("it")).revision();
        await().atMost(Duration.ofSeconds(5)).until(() -> reloader(nodes.b()).applied() >= revision);

        RevisionDigest database = nodes.a().bean(CatalogReads.class).digest();
        assertThat(database.revision()).isEqualTo(reloader(nodes.b()).applied());
        assertThat(reloader(nodes.b()).snapshot().digest()).isEqualTo(database.digest());
        assertThat(reloader(nodes.a()).snapshot().digest()).isEqualTo(database.digest());
    }
}
