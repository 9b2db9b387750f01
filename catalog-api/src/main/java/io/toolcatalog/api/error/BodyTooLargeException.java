package io.toolcatalog.api.error;

import java.io.IOException;

/**
 * Thrown by the request stream once more than the body limit was read. An {@link IOException},
 * so it travels through the message converters, which wrap it; the advice finds it in the causes.
 */
public final class BodyTooLargeException extends IOException {

    private final long limitBytes;

    public BodyTooLargeException(long limitBytes) {
        super("request body is larger than " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
