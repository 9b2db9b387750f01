package io.toolcatalog.bench.watch;

import java.nio.charset.StandardCharsets;

/**
 * What one watch stream's bytes say, read as they arrive in any pieces: whether the response is a
 * 200, and how many {@code change} events came in whole — the event's blank line received, so a
 * stream is never counted on a head whose data is still on its way. The body is read as HTTP/1.1
 * chunks (both ports send chunked streams), so chunk framing never shows up inside an event. One
 * pass over each byte, no copy, no allocation once the head is read.
 */
final class ChangeEvents {

    private static final byte[] OK = "HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANGE = "event: change\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD_END = 0x0d0a0d0a; // \r\n\r\n

    private enum Part {
        STATUS,
        HEADERS,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        DONE
    }

    private Part part = Part.STATUS;
    private int statusMatched;
    private boolean ok;
    private int lastFour;
    private long chunkLeft;
    private boolean sizeEnded;
    private int chunkEndLeft;
    /** How far the current line matches {@code event: change}; -1 once it cannot. */
    private int linePos;

    private boolean inChange;
    private int changes;

    /** Whether the response's status line said 200. */
    boolean ok() {
        return ok;
    }

    /** {@code change} events received whole so far. */
    int changes() {
        return changes;
    }

    /** Reads the next {@code length} bytes of the connection; returns how many change events they completed. */
    int read(byte[] bytes, int offset, int length) {
        int before = changes;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (part) {
                case STATUS -> status(bytes[i++]);
                case HEADERS -> header(bytes[i++]);
                case CHUNK_SIZE -> chunkSize(bytes[i++]);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, end - i);
                    data(bytes, i, n);
                    chunkLeft -= n;
                    i += n;
                    if (chunkLeft == 0) {
                        part = Part.CHUNK_END;
                        chunkEndLeft = 2; // the chunk's \r\n
                    }
                }
                case CHUNK_END -> {
                    i++;
                    if (--chunkEndLeft == 0) {
                        part = Part.CHUNK_SIZE;
                    }
                }
                case DONE -> i = end;
            }
        }
        return changes - before;
    }

    private void status(byte b) {
        if (statusMatched < OK.length && b == OK[statusMatched]) {
            ok = ++statusMatched == OK.length;
        } else if (!ok) {
            statusMatched = OK.length; // not a 200: its events are never counted
        }
        if (b == '\n') {
            part = Part.HEADERS;
            lastFour = '\r' << 8 | '\n';
        }
    }

    private void header(byte b) {
        lastFour = (lastFour << 8) | (b & 0xff);
        if (lastFour == HEAD_END) {
            part = ok ? Part.CHUNK_SIZE : Part.DONE;
        }
    }

    private void chunkSize(byte b) {
        if (b == '\n') {
            part = chunkLeft == 0 ? Part.DONE : Part.CHUNK_DATA;
            sizeEnded = false;
            return;
        }
        int digit = Character.digit(b, 16);
        if (digit < 0) {
            sizeEnded = true; // a chunk extension or the line's \r
        } else if (!sizeEnded) {
            chunkLeft = chunkLeft * 16 + digit;
        }
    }

    private void data(byte[] bytes, int from, int n) {
        for (int i = from; i < from + n; i++) {
            byte b = bytes[i];
            if (b != '\n') {
                if (linePos >= 0) {
                    linePos = linePos < CHANGE.length - 1 && b == CHANGE[linePos] ? linePos + 1 : -1;
                }
                continue;
            }
            if (linePos == 0 && inChange) { // the blank line that ends the event: all of it is here
                inChange = false;
                changes++;
            } else if (linePos == CHANGE.length - 1) {
                inChange = true;
            }
            linePos = 0;
        }
    }
}
