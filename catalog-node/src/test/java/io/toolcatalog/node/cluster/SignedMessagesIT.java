package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.CatalogEditor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a cluster key, nodes sign what they publish and refuse what is not signed with it. The
 * revision poll is at an hour: a change reaches the other node through a signed message or not at
 * all.
 */
class SignedMessagesIT {

    private static final String KEY = "cluster-secret-for-tests";
    private static final Map<String, String> PROPS =
            Map.of("catalog.sync.poll-interval", "1h", "catalog.cluster.message-key", KEY);

    @RegisterExtension
    static final NodePair nodes = new NodePair("signed", PROPS);

    private static double received(String outcome) {
        return nodes.receivedByB(outcome);
    }

    private static byte[] doorbell(long revision) {
        return doorbell(revision, "mallory-node");
    }

    private static byte[] doorbell(long revision, String originNode) {
        ChangeMessage message = ChangeMessage.of(new CommittedChange(
                revision,
                List.of("x"),
                "update",
                ReloadTrigger.API_UPDATE,
                "mallory",
                null,
                null,
                UUID.randomUUID(),
                originNode,
                Instant.now()));
        return new ClusterJson().write(message).getBytes(StandardCharsets.UTF_8);
    }

    private static void publish(byte[] body) {
        nodes.publish(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aSignedChangeIsAppliedFromItsRows() {
        double carried = received("applied_carried");

        long revision = nodes.a()
                .bean(CatalogEditor.class)
                .create(
                        ClusterMutations.draft(
                                "signed-" + UUID.randomUUID().toString().substring(0, 6), "x"),
                        Actor.of("it"))
                .revision();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> nodes.b().bean(CatalogReloader.class).applied() >= revision);
        assertThat(received("applied_carried")).isGreaterThan(carried);
    }

    @Test
    void unsignedAndWronglySignedMessagesAreRefusedAndCounted() {
        double refused = received("bad_signature");
        double rang = received("rang");

        publish(doorbell(1_000_000));
        publish(new MessageSignature("another-key").sign(doorbell(1_000_001)));
        byte[] signed = new MessageSignature(KEY).sign(doorbell(1_000_002));
        signed[10] ^= 1; // one bit of the payload changed after signing
        publish(signed);

        await().atMost(Duration.ofSeconds(5)).until(() -> received("bad_signature") >= refused + 3);
        assertThat(received("rang")).isEqualTo(rang);
    }

    @Test
    void aMessageNamingTheNodeAsItsOriginIsDroppedAsItsOwnBeforeTheSignatureIsChecked() {
        double own = received("own");
        double refused = received("bad_signature");
        byte[] signed = new MessageSignature(KEY)
                .sign(doorbell(1_000_003, nodes.b().bean(NodeIdentity.class).nodeId()));
        signed[signed.length - 3] ^= 1; // one digit of the signature changed

        publish(signed);

        await().atMost(Duration.ofSeconds(5)).until(() -> received("own") > own);
        assertThat(received("bad_signature")).isEqualTo(refused);
    }
}
