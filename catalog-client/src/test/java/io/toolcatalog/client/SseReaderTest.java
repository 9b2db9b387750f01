package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsTypeIdAndDataOfEachEvent() throws IOException {
        List<SseReader.SseEvent> events =
                read("event: change\nid: 4\ndata: {\"a\":1}\n\nevent: progress\ndata: {}\n\n");

        assertThat(events)
                .containsExactly(
                        new SseReader.SseEvent("change", "4", "{\"a\":1}"),
                        new SseReader.SseEvent("progress", null, "{}"));
    }

    @Test
    void joinsDataLinesWithNewlines() throws IOException {
        assertThat(read("data: one\ndata: two\ndata\n\n"))
                .containsExactly(new SseReader.SseEvent("message", null, "one\ntwo\n"));
    }

    @Test
    void skipsCommentsAndEventsWithoutData() throws IOException {
        assertThat(read(": heartbeat\n\nevent: snapshot\nid: 3\n\n:\ndata:x\n\n"))
                .containsExactly(new SseReader.SseEvent("message", null, "x"));
    }

    @Test
    void acceptsCrLfAndCrLineEndsAndALeadingByteOrderMark() throws IOException {
        assertThat(read("\uFEFFevent: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\r"))
                .containsExactly(new SseReader.SseEvent("a", null, "1"), new SseReader.SseEvent("b", null, "2"));
    }

    @Test
    void dropsAnEventCutOffByTheEndOfTheStream() throws IOException {
        assertThat(read("event: change\nid: 5\ndata: {\"rev")).isEmpty();
    }

    @Test
    void reportsEveryLineAsSignOfLife() throws IOException {
        AtomicInteger lines = new AtomicInteger();
        SseReader reader = new SseReader(stream(":\n:\ndata: x\n\n"), lines::incrementAndGet);

        reader.next();

        assertThat(lines).hasValue(4);
    }

    private static List<SseReader.SseEvent> read(String text) throws IOException {
        SseReader reader = new SseReader(stream(text), () -> {});
        List<SseReader.SseEvent> events = new ArrayList<>();
        SseReader.SseEvent event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
