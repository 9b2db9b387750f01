package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageSignatureTest {

    private static final byte[] PAYLOAD = "{\"revision\":7,\"origin_node\":\"a\"}".getBytes(StandardCharsets.UTF_8);

    private final MessageSignature signature = new MessageSignature("secret");

    @Test
    void aSignedPayloadIsStillJsonWithTheSignatureLastAndVerifies() {
        byte[] body = signature.sign(PAYLOAD);

        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text)
                .startsWith("{\"revision\":7,\"origin_node\":\"a\",\"signature\":\"")
                .endsWith("\"}");
        assertThat(new ClusterJson().read(body, java.util.Map.class)).containsEntry("revision", 7);
        assertThat(signature.verify(body)).isTrue();
    }

    @Test
    void refusesUnsignedTamperedAndOtherKeysMessages() {
        byte[] tampered = signature.sign(PAYLOAD);
        tampered[12] = '8';

        assertThat(signature.verify(PAYLOAD)).isFalse();
        assertThat(signature.verify(tampered)).isFalse();
        assertThat(signature.verify(new MessageSignature("other").sign(PAYLOAD)))
                .isFalse();
        assertThat(signature.verify("}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void withoutAKeyNothingIsSigned() {
        MessageSignature none = new MessageSignature(null);

        assertThat(none.enabled()).isFalse();
        assertThat(none.sign(PAYLOAD)).isEqualTo(PAYLOAD);
    }
}
