package io.toolcatalog.api.watch;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event stream's output on the servlet container: its non-blocking output stream, completed
 * through the request's {@link AsyncContext}. The container's callbacks go to the stream.
 */
final class ServletStreamOutput extends StreamOutput implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(ServletStreamOutput.class);

    private final AsyncContext async;
    private final ServletOutputStream out;
    private SseStream stream;

    ServletStreamOutput(AsyncContext async, ServletOutputStream out) {
        this.async = async;
        this.out = out;
    }

    /** Starts the container's callbacks into {@code stream}. */
    void attach(SseStream stream) {
        this.stream = stream;
        async.addListener(this);
        out.setWriteListener(this);
    }

    @Override
    boolean isReady() {
        return out.isReady();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    void complete() {
        try {
            async.complete();
        } catch (RuntimeException e) {
            log.debug("Completing a watch stream failed: {}", e.toString());
        }
    }

    @Override
    public void onWritePossible() {
        stream.drain();
    }

    @Override
    public void onError(Throwable t) {
        stream.endedByTransport(t);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        stream.close();
    }

    /** Completes within the callback, else the container dispatches the request to an error page. */
    @Override
    public void onTimeout(AsyncEvent event) {
        stream.endedByTransport(event.getThrowable());
        complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        stream.endedByTransport(event.getThrowable());
        complete();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
