package io.toolcatalog.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ChangeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PropagationHopsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PropagationHops hops = new PropagationHops(registry);
    private final Instant committed = Instant.parse("2026-01-01T00:00:00.000100Z");
    private final long committedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, committed);

    @Test
    void timesCommitToPublishOnTheSendersStampsAndPublishToReceiveOnArrival() {
        ChangeMessage message = ChangeMessage.of(change()).withPublishedAt(committedMicros + 1_500);

        hops.received(message, committedMicros + 1_500 + 3_900);

        assertThat(hop("commit_to_publish").totalTime(TimeUnit.MICROSECONDS)).isEqualTo(1_500);
        assertThat(hop("publish_to_receive").totalTime(TimeUnit.MICROSECONDS)).isEqualTo(3_900);
    }

    @Test
    void aMessageWithoutPublishedAtFromAnOlderSenderIsNotTimed() {
        hops.received(ChangeMessage.of(change()), committedMicros + 5_000);

        assertThat(hop("commit_to_publish").count()).isZero();
        assertThat(hop("publish_to_receive").count()).isZero();
    }

    @Test
    void aReceiverClockBehindTheSendersCountsAsZeroNotNegative() {
        hops.received(ChangeMessage.of(change()).withPublishedAt(committedMicros + 100), committedMicros);

        assertThat(hop("publish_to_receive").count()).isEqualTo(1);
        assertThat(hop("publish_to_receive").totalTime(TimeUnit.MICROSECONDS)).isZero();
    }

    @Test
    void receiveToAppliedIsTheTimeSinceReceipt() {
        hops.applied(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2));

        assertThat(hop("receive_to_applied").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2);
    }

    private Timer hop(String name) {
        return registry.get("catalog.propagation.hop").tag("hop", name).timer();
    }

    private CommittedChange change() {
        return new CommittedChange(
                7,
                List.of("grep"),
                "update",
                ReloadTrigger.API_UPDATE,
                "alice",
                "editor",
                "why",
                UUID.randomUUID(),
                "node-1",
                committed);
    }
}
