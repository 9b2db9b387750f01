package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watchers that never read: a raw socket with a tiny receive buffer asks a node for the whole
 * stream (a snapshot first) and then takes nothing, so the node meets a full socket at once and
 * must coalesce what it cannot send, without memory growing, without holding up anyone else. They
 * stay open until the run ends.
 */
final class StalledReaders implements AutoCloseable {

    private final List<Socket> sockets = new ArrayList<>();

    /** Opens one more on {@code node}; what was done, for the fault log. */
    synchronized String open(NodeProcess node) {
        URI uri = URI.create(node.baseUrl());
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(1024);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/watch HTTP/1.1\r\nHost: " + uri.getHost()
                            + "\r\nAccept: text/event-stream\r\nX-Catalog-Consumer: checker-stalled-"
                            + sockets.size() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            close(socket);
            throw new UncheckedIOException("cannot open a stalled reader on " + node.id(), e);
        }
        sockets.add(socket);
        return "a reader that never reads asked " + node.id() + " for the stream (" + sockets.size() + " open)";
    }

    @Override
    public synchronized void close() {
        sockets.forEach(StalledReaders::close);
        sockets.clear();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
