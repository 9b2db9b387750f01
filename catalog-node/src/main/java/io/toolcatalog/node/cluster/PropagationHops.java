package io.toolcatalog.node.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.toolcatalog.core.cluster.ChangeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

/**
 * Times a peer's change on its way to this node, one hop at a time ({@code catalog.propagation.hop},
 * tag {@code hop}): {@code commit_to_publish} (the sender's commit stamp to its {@code published_at},
 * both on the sender's clock), {@code publish_to_receive} (to the thread that received it here,
 * Redis's I/O thread: Redis, and the sender's serialising; two clocks, so only meaningful between
 * nodes on one host or with synchronised clocks) and {@code receive_to_applied} (checking, parsing,
 * validating and applying carried rows up to the swap, on this node's monotonic clock; a message
 * handed on to the listener thread includes the hand-off). Messages without
 * {@code published_at} (older senders) skip the first two. Percentile histograms are published so a
 * benchmark can read the distributions from {@code /actuator/prometheus}.
 */
final class PropagationHops {

    private final Timer commitToPublish;
    private final Timer publishToReceive;
    private final Timer receiveToApplied;

    PropagationHops(MeterRegistry registry) {
        this.commitToPublish = timer(registry, "commit_to_publish");
        this.publishToReceive = timer(registry, "publish_to_receive");
        this.receiveToApplied = timer(registry, "receive_to_applied");
    }

    /** Now, in the unit of {@code published_at}: microseconds since the epoch. */
    static long nowMicros() {
        return micros(Instant.now());
    }

    /** A peer's message reached the listener at {@code receivedAtMicros}. */
    void received(ChangeMessage message, long receivedAtMicros) {
        Long publishedAt = message.publishedAt();
        if (publishedAt == null) {
            return;
        }
        if (message.committedAt() != null) {
            record(commitToPublish, publishedAt - micros(message.committedAt()));
        }
        record(publishToReceive, receivedAtMicros - publishedAt);
    }

    /** The listener applied a peer's carried rows; {@code receivedNanos} is {@link System#nanoTime()} at receipt. */
    void applied(long receivedNanos) {
        receiveToApplied.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    private static void record(Timer timer, long micros) {
        timer.record(Math.max(0, micros), TimeUnit.MICROSECONDS);
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    private static Timer timer(MeterRegistry registry, String hop) {
        return Timer.builder("catalog.propagation.hop")
                .description("A peer's change on its way to this node, by hop (commit → publish → receive → applied)")
                .tag("hop", hop)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }
}
