package io.toolcatalog.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {

    private static final String HEAD =
            "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n" + "transfer-encoding: chunked\r\n\r\n";
    private static final String CHANGE = "event: change\nid: 7\ndata: {\"revision\":7,\"changed\":[]}\n\n";
    private static final String PROGRESS = "event: progress\ndata: {\"revision\":7}\n\n";

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static int feed(ChangeEvents events, String text, int pieceSize) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int completed = 0;
        for (int i = 0; i < bytes.length; i += pieceSize) {
            completed += events.read(bytes, i, Math.min(pieceSize, bytes.length - i));
        }
        return completed;
    }

    @Nested
    class AChangeEvent {

        @Test
        void countsOnlyOnceItsBlankLineArrived() {
            ChangeEvents events = new ChangeEvents();
            String all = HEAD + chunk(CHANGE);
            String withoutEnd = all.substring(0, all.length() - "\n\r\n".length());

            assertThat(feed(events, withoutEnd, 4096)).isZero();
            assertThat(events.ok()).isTrue();
            assertThat(feed(events, "\n\r\n", 4096)).isEqualTo(1);
            assertThat(events.changes()).isEqualTo(1);
        }

        @Test
        void isReadThroughChunksThatSplitItAnywhere() {
            String body = HEAD
                    + chunk(CHANGE.substring(0, 9))
                    + chunk(CHANGE.substring(9, CHANGE.length() - 1))
                    + chunk(CHANGE.substring(CHANGE.length() - 1))
                    + chunk(PROGRESS + CHANGE);
            for (int piece = 1; piece <= body.length(); piece++) {
                ChangeEvents events = new ChangeEvents();
                assertThat(feed(events, body, piece))
                        .as("read %d bytes at a time", piece)
                        .isEqualTo(2);
            }
        }

        @Test
        void isNotCountedForOtherEventsOrChunkSizes() {
            ChangeEvents events = new ChangeEvents();
            String progressOnly = HEAD + chunk(PROGRESS) + chunk("event: snapshot\nid: 7\ndata: {}\n\n");

            assertThat(feed(events, progressOnly, 7)).isZero();
        }
    }

    @Test
    void aResponseOtherThan200NeverCounts() {
        ChangeEvents events = new ChangeEvents();
        String refused = "HTTP/1.1 503 Service Unavailable\r\ntransfer-encoding: chunked\r\n\r\n" + chunk(CHANGE);

        assertThat(feed(events, refused, 5)).isZero();
        assertThat(events.ok()).isFalse();
    }
}
