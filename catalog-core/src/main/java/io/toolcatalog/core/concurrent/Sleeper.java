package io.toolcatalog.core.concurrent;

import java.time.Duration;

/** Pauses between retries and polls; injected so tests run without waiting. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration);

    static Sleeper real() {
        return duration -> {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
