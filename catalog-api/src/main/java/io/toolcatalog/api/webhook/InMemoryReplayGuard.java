package io.toolcatalog.api.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's memory of used signatures: at most {@code capacity}, each forgotten once its
 * timestamp has left the window (then the timestamp check refuses it anyway). Past capacity the
 * oldest is forgotten first: memory stays bounded whatever a caller sends.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> used = new LinkedHashMap<>();

    public InMemoryReplayGuard(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public synchronized boolean firstUse(String signature, Instant expiresAt) {
        forgetExpired(clock.instant());
        if (used.containsKey(signature)) {
            return false;
        }
        if (used.size() >= capacity) {
            Iterator<String> oldest = used.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        used.put(signature, expiresAt);
        return true;
    }

    synchronized int size() {
        return used.size();
    }

    private void forgetExpired(Instant now) {
        used.values().removeIf(expiresAt -> expiresAt.isBefore(now));
    }
}
