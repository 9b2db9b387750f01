package io.toolcatalog.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from a stream: {@code event}, {@code id} and {@code data} fields
 * (several {@code data} lines join with a newline), comment lines (heartbeats) skipped, lines ended
 * by LF, CRLF or CR, an event dispatched at its blank line and dropped when it has no data.
 */
final class SseReader {

    /** One dispatched event; {@code id} is {@code null} when the event had none. */
    record Event(String type, String id, String data) {}

    private final BufferedReader lines;
    private final Runnable onLine;
    private boolean first = true;

    /** {@code onLine} runs for every line read, comments included: the stream is alive. */
    SseReader(InputStream in, Runnable onLine) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.onLine = onLine;
    }

    /** The next event, or {@code null} at the end of the stream. */
    Event next() throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            onLine.run();
            if (first) {
                first = false;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(type == null ? "message" : type, id, data.toString());
                }
                type = null;
                id = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> type = value;
                case "id" -> id = value.indexOf('\0') < 0 ? value : id;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {
                    // "retry" and unknown fields: the client's own backoff decides
                }
            }
        }
        return null;
    }
}
