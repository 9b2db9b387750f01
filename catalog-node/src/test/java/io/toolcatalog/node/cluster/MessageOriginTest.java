package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageOriginTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] carriedFrom(String node) {
        CommittedChange change = new CommittedChange(
                7,
                List.of("grep"),
                "update",
                ReloadTrigger.API_UPDATE,
                "alice",
                null,
                null,
                UUID.randomUUID(),
                node,
                Instant.parse("2025-01-02T03:04:05Z"));
        ChangeMessage message = ChangeMessage.carrying(
                new RevisionRows(change, 6, List.of(Tools.named("grep").build()), List.of()));
        return new MessageSignature("secret").sign(utf8(new ClusterJson().write(message)));
    }

    @Test
    void findsTheOriginOfASignedMessageWithRows() {
        assertThat(MessageOrigin.of(carriedFrom("node-1"))).isEqualTo("node-1");
        assertThat(new MessageOrigin("node-1").isOwn(carriedFrom("node-1"))).isTrue();
        assertThat(new MessageOrigin("node-2").isOwn(carriedFrom("node-1"))).isFalse();
    }

    @Test
    void readsNoFurtherThanTheOrigin() {
        byte[] cutShort =
                utf8("{\"revision\":7,\"tools\":[\"a\",{\"b\":[1]}],\"origin_node\":\"node-1\",\"written\":[{\"na");

        assertThat(MessageOrigin.of(cutShort)).isEqualTo("node-1");
    }

    @Test
    void takesOnlyATopLevelTextOrigin() {
        assertThat(MessageOrigin.of(utf8("{\"written\":[{\"origin_node\":\"node-1\"}],\"revision\":7}")))
                .isNull();
        assertThat(MessageOrigin.of(utf8("{\"reason\":{\"origin_node\":\"node-1\"},\"origin_node\":\"node-2\"}")))
                .isEqualTo("node-2");
        assertThat(MessageOrigin.of(utf8("{\"origin_node\":[\"node-1\"]}"))).isNull();
        assertThat(MessageOrigin.of(utf8("{\"origin_node\":null}"))).isNull();
        assertThat(new MessageOrigin("node-1").isOwn(utf8("{\"origin_node\":null}")))
                .isFalse();
    }

    @Test
    void aBodyThatIsNoJsonObjectHasNoOrigin() {
        assertThat(MessageOrigin.of(utf8("[\"origin_node\",\"node-1\"]"))).isNull();
        assertThat(MessageOrigin.of(utf8("origin_node node-1"))).isNull();
        assertThat(MessageOrigin.of(new byte[0])).isNull();
    }
}
