package io.toolcatalog.api.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WatchRequestTest {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final WatchProperties SETTINGS = new WatchProperties(
            Duration.ofSeconds(15),
            10,
            Duration.ofSeconds(1),
            16,
            Duration.ofSeconds(60),
            Duration.ofSeconds(30),
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            DataSize.ofMegabytes(1),
            10_000,
            2,
            Duration.ofSeconds(2),
            10000,
            1000,
            null,
            Duration.ofSeconds(30));

    private static WatchRequest of(String since, String lastEventId, List<String> tools, String consumer, String wait) {
        return WatchRequest.of(since, lastEventId, tools, consumer, null, null, wait, NAME, SETTINGS);
    }

    private static String fieldOf(Runnable call) {
        try {
            call.run();
        } catch (ApiProblem problem) {
            return problem.field();
        }
        throw new AssertionError("no problem raised");
    }

    @Test
    void sinceWinsOverLastEventIdAndNeitherMeansASnapshot() {
        assertThat(of("7", "3", null, null, null).since()).isEqualTo(7);
        assertThat(of(null, "3", null, null, null).since()).isEqualTo(3);
        assertThat(of(null, null, null, null, null).since()).isNull();
    }

    @Test
    void aStartPointThatIsNotARevisionNamesItsField() {
        assertThat(fieldOf(() -> of("-1", null, null, null, null))).isEqualTo("since");
        assertThat(fieldOf(() -> of("abc", null, null, null, null))).isEqualTo("since");
        assertThat(fieldOf(() -> of(null, "x1", null, null, null))).isEqualTo("Last-Event-ID");
    }

    @Test
    void theToolFilterAndTheConsumerIdAreChecked() {
        assertThat(of(null, null, List.of("grep", "web.search"), null, null).tools())
                .containsExactly("grep", "web.search");
        assertThat(fieldOf(() -> of(null, null, List.of("Bad Name"), null, null)))
                .isEqualTo("tool");
        assertThat(of(null, null, null, "Pipeline-7.eu_1", null).consumerId()).isEqualTo("Pipeline-7.eu_1");
        assertThat(fieldOf(() -> of(null, null, null, "a b", null))).isEqualTo("X-Catalog-Consumer");
        assertThat(fieldOf(() -> of(null, null, null, "x".repeat(129), null))).isEqualTo("X-Catalog-Consumer");
    }

    @Test
    void theViewIsTheConsumersIdAndLabelsElseThePrincipalsNameElseStable() {
        WatchRequest named =
                WatchRequest.of(null, null, null, "svc:eu/7@a", "region=eu,stage=b", "alice", null, NAME, SETTINGS);
        assertThat(named.consumer())
                .isEqualTo(new ConsumerIdentity("svc:eu/7@a", Map.of("region", "eu", "stage", "b")));
        assertThat(named.consumerId()).isEqualTo("svc:eu/7@a");
        WatchRequest byToken = WatchRequest.of(null, null, null, null, "region=eu", "alice", null, NAME, SETTINGS);
        assertThat(byToken.consumer()).isEqualTo(new ConsumerIdentity("alice", Map.of("region", "eu")));
        assertThat(byToken.consumerId()).isNull();
        assertThat(of(null, null, null, null, null).consumer()).isEqualTo(ConsumerIdentity.ANONYMOUS);
        assertThat(fieldOf(() -> WatchRequest.of(null, null, null, "c", "Region=eu", null, null, NAME, SETTINGS)))
                .isEqualTo("X-Catalog-Consumer-Labels");
        assertThat(fieldOf(() -> WatchRequest.of(null, null, null, "c", "a=1,a=2", null, null, NAME, SETTINGS)))
                .isEqualTo("X-Catalog-Consumer-Labels");
    }

    @Test
    void theLongPollWaitIsInSecondsByDefaultAndCapped() {
        assertThat(of(null, null, null, null, null).pollWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(of(null, null, null, null, "5").pollWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(of(null, null, null, null, "250ms").pollWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(of(null, null, null, null, "10m").pollWait()).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> of(null, null, null, null, "soon")).isInstanceOf(ApiProblem.class);
        assertThat(fieldOf(() -> of(null, null, null, null, "-3s"))).isEqualTo("wait");
    }
}
