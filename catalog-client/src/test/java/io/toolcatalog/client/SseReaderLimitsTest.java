package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A peer cannot make the reader hold more than its limit: a longer line or event drops the stream. */
class SseReaderLimitsTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesALineLongerThanTheLimitWithoutReadingItAll() {
        SseReader reader = new SseReader(stream("data: " + "x".repeat(100_000) + "\n\n"), () -> {}, 1024);

        assertThatIOException().isThrownBy(reader::next).withMessageContaining("1024");
    }

    @Test
    void refusesAnEventWhoseDataLinesAddUpPastTheLimit() {
        String line = "data: " + "x".repeat(500) + "\n";
        SseReader reader = new SseReader(stream(line.repeat(5) + "\n"), () -> {}, 1024);

        assertThatIOException().isThrownBy(reader::next).withMessageContaining("1024");
    }

    @Test
    void refusesAnEndlessLineWithNoNewline() {
        SseReader reader = new SseReader(stream(":" + "y".repeat(5000)), () -> {}, 1024);

        assertThatIOException().isThrownBy(reader::next);
    }

    @Test
    void readsEventsUpToTheLimitWhateverTheLineEndings() throws IOException {
        String big = "z".repeat(1000);
        SseReader reader = new SseReader(
                stream("event: a\r\ndata: " + big + "\r\n\r\nevent: b\rdata: 2\r\r:c\ndata: 3\n\n"), () -> {}, 1024);

        assertThat(reader.next()).isEqualTo(new SseReader.SseEvent("a", null, big));
        assertThat(reader.next()).isEqualTo(new SseReader.SseEvent("b", null, "2"));
        assertThat(reader.next()).isEqualTo(new SseReader.SseEvent("message", null, "3"));
        assertThat(reader.next()).isNull();
    }
}
