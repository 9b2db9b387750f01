package io.toolcatalog.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for the servers tests and benchmarks start on 127.0.0.1. */
public final class Ports {

    private Ports() {}

    /** A port nothing listens on right now (the kernel's choice of an ephemeral one). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
