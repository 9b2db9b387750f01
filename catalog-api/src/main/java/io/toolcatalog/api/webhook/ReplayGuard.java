package io.toolcatalog.api.webhook;

import java.time.Instant;

/**
 * Remembers the webhook signatures already used, so a captured request cannot be replayed while
 * its timestamp is still inside the window. The default is per node and in memory; a node may
 * provide a shared one (Redis) as a bean of this type.
 */
public interface ReplayGuard {

    /**
     * True the first time {@code signature} is offered; it needs remembering until {@code
     * expiresAt}.
     *
     * @throws Unavailable when the guard cannot be consulted: the webhook then refuses the call
     *     (503) rather than risk accepting a replay
     */
    boolean firstUse(String signature, Instant expiresAt);

    /** The guard's store does not answer; nothing was remembered, so the caller may retry. */
    final class Unavailable extends RuntimeException {

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
