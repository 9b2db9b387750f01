package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    void theSignatureIsTheHmacOfThePayloadWhicheverThreadsSignAtOnce() throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(hmac.doFinal(PAYLOAD));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> signed = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                signed.add(threads.submit(() -> signature.sign(PAYLOAD)));
            }
            for (Future<byte[]> body : signed) {
                assertThat(new String(body.get(), StandardCharsets.UTF_8))
                        .endsWith(",\"signature\":\"" + expected + "\"}");
                assertThat(signature.verify(body.get())).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withoutAKeyNothingIsSigned() {
        MessageSignature none = new MessageSignature(null);

        assertThat(none.enabled()).isFalse();
        assertThat(none.sign(PAYLOAD)).isEqualTo(PAYLOAD);
    }
}
