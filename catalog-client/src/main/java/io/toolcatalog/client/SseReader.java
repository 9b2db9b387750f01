package io.toolcatalog.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events from a stream: {@code event}, {@code id} and {@code data} fields
 * (several {@code data} lines join with a newline), comment lines (heartbeats) skipped, lines ended
 * by LF, CRLF or CR, an event dispatched at its blank line and dropped when it has no data. Lines and
 * events are bounded in size.
 */
final class SseReader {

    /** The largest event (and line) read by default, in characters: a whole catalog's snapshot fits. */
    static final int DEFAULT_MAX_EVENT_CHARS = 64 * 1024 * 1024;

    /** One dispatched event; {@code id} is {@code null} when the event had none. */
    record SseEvent(String type, String id, String data) {}

    private final Reader in;
    private final Runnable onLine;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int length;
    private boolean skipLineFeed;
    private boolean first = true;

    /** {@code onLine} runs for every line read, comments included: the stream is alive. */
    SseReader(InputStream in, Runnable onLine) {
        this(in, onLine, DEFAULT_MAX_EVENT_CHARS);
    }

    /**
     * As above; a line or an event's data longer than {@code maxChars} characters is an {@link
     * IOException} (the stream is dropped) rather than memory spent on whatever a peer sends.
     */
    SseReader(InputStream in, Runnable onLine, int maxChars) {
        this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.onLine = onLine;
        this.maxChars = maxChars;
    }

    /** The next event, or {@code null} at the end of the stream. */
    SseEvent next() throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = readLine()) != null) {
            onLine.run();
            if (first) {
                first = false;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(type == null ? "message" : type, id, data.toString());
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
                case "data" -> {
                    if (data != null && data.length() + 1 + value.length() > maxChars) {
                        throw new IOException("an event longer than " + maxChars + " characters");
                    }
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                }
                default -> {
                    // "retry" and unknown fields: the client's own backoff decides
                }
            }
        }
        return null;
    }

    /** A line ended by LF, CRLF or CR (or the end of the stream), at most {@code maxChars} long. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == length) {
                length = Math.max(0, in.read(buffer));
                position = 0;
                if (length == 0) {
                    return line == null ? null : line.toString();
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            while (position < length && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            int count = position - start;
            if (line == null) {
                line = new StringBuilder(Math.min(Math.max(count, 16), maxChars));
            }
            if (line.length() + count > maxChars) {
                throw new IOException("a line longer than " + maxChars + " characters");
            }
            line.append(buffer, start, count);
            if (position < length) {
                skipLineFeed = buffer[position++] == '\r';
                return line.toString();
            }
        }
    }
}
