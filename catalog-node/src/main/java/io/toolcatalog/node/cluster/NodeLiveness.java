package io.toolcatalog.node.cluster;

import io.toolcatalog.core.cluster.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns heartbeats into statuses: {@code up} while the last one is at most {@code missed}
 * intervals old, {@code down} after that, forgotten past {@code forgetAfter}. Compares the
 * writer's clock with the reader's, so it assumes clocks kept in step (NTP) to well under an
 * interval.
 */
final class NodeLiveness {

    private final Duration downAfter;
    private final Duration forgetAfter;
    private final Clock clock;

    NodeLiveness(Duration interval, int missed, Duration forgetAfter, Clock clock) {
        this.downAfter = interval.multipliedBy(missed);
        this.forgetAfter = forgetAfter;
        this.clock = clock;
    }

    NodeStatus status(Heartbeat beat, long catalogRevision) {
        Duration silence = Duration.between(beat.lastSeen(), clock.instant());
        return new NodeStatus(
                beat.nodeId(),
                beat.address(),
                silence.compareTo(downAfter) > 0 ? "down" : "up",
                beat.startedAt(),
                beat.lastSeen(),
                beat.appliedRevision(),
                Math.max(0, catalogRevision - beat.appliedRevision()),
                beat.digest());
    }

    boolean forgotten(Heartbeat beat) {
        return Duration.between(beat.lastSeen(), clock.instant()).compareTo(forgetAfter) > 0;
    }

    Instant now() {
        return clock.instant();
    }
}
