package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PollFailuresTest {

    private final AtomicLong nanos = new AtomicLong();
    private final PollFailures failures =
            new PollFailures(LoggerFactory.getLogger("poll-test"), Duration.ofMinutes(1), nanos::get);

    private void failForSeconds(int seconds) {
        for (int i = 0; i < seconds; i++) {
            failures.failed(new IllegalStateException("connection refused"), 7);
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        }
    }

    @Test
    void logsTheFirstFailureWithItsStackThenASummaryAtMostEveryMinute(CapturedOutput output) {
        failForSeconds(150);

        assertThat(failures.total()).isEqualTo(150);
        assertThat(output.getAll())
                .containsOnlyOnce("java.lang.IllegalStateException: connection refused")
                .contains("\tat ");
        assertThat(output.getAll().lines().filter(l -> l.contains("Revision poll still failing")))
                .hasSize(2)
                .first()
                .asString()
                .contains("61 failures in 60 s");
    }

    @Test
    void saysOnceWhenThePollWorksAgainAndLogsTheNextOutageAfresh(CapturedOutput output) {
        failForSeconds(3);
        failures.succeeded();
        failures.succeeded();
        failForSeconds(1);

        assertThat(output.getAll()).containsOnlyOnce("Revision poll works again after 3 failures in 3 s");
        assertThat(output.getAll().lines().filter(l -> l.contains("Revision poll failed;")))
                .hasSize(2);
        assertThat(failures.total()).isEqualTo(4);
    }
}
