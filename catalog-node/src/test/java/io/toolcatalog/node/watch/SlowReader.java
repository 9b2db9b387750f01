package io.toolcatalog.node.watch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A watcher that does not read: a raw socket with a small receive buffer, so the node meets a full
 * socket at once; {@link #startReading()} then decodes the chunked body into an {@link EventStream}.
 */
final class SlowReader implements AutoCloseable {

    private final Socket socket = new Socket();
    private InputStream in;

    SlowReader(int port) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/watch HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the response head, then parses the body's events as they come. */
    EventStream startReading() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
        String line;
        while (!(line = line(in)).isEmpty()) {
            if (line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected status " + line);
            }
        }
        EventStream stream = new EventStream(new Chunked(in));
        stream.start();
        return stream;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** HTTP/1.1 chunked transfer decoding, just enough for one response. */
    private static final class Chunked extends InputStream {

        private final InputStream in;
        private int left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = line(in);
                if (size.isEmpty()) {
                    size = line(in); // the CRLF after the previous chunk
                }
                left = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, Math.min(length, left));
            if (n == -1) {
                done = true;
                return -1;
            }
            left -= n;
            return n;
        }
    }
}
