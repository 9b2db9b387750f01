package io.toolcatalog.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The outcomes held between reports: bounded, batched as the nodes accept them, merged after a failed send. */
class OutcomeTallyTest {

    private final OutcomeTally tally = new OutcomeTally();

    @Test
    void holdsAThousandToolsAndCountsWhatItDrops() {
        IntStream.range(0, 1003).forEach(i -> tally.count("tool-" + i, true));
        tally.count("tool-0", false);

        assertThat(tally.toolsHeld()).isEqualTo(1000);
        assertThat(tally.dropped()).isEqualTo(3);
    }

    @Test
    void handsOutTwoHundredToolsABatchOldestFirst() {
        IntStream.range(0, 450).forEach(i -> tally.count("tool-" + i, i % 2 == 0));

        OutcomeTally.Batch first = tally.take();
        OutcomeTally.Batch second = tally.take();
        OutcomeTally.Batch third = tally.take();

        assertThat(first.tools()).hasSize(200).containsKey("tool-0").doesNotContainKey("tool-200");
        assertThat(first.tools().get("tool-1")).isEqualTo(new OutcomeTally.ToolTally(0, 1));
        assertThat(second.tools()).hasSize(200).containsKey("tool-200");
        assertThat(third.tools()).hasSize(50);
        assertThat(tally.isEmpty()).isTrue();
    }

    @Test
    void aFailedBatchGoesBackMergedWithWhatWasCountedSince() {
        tally.count("grep", true);
        tally.count("grep", true);
        tally.failed(new OutcomeTally.FailedApply(4, "grep", "boom"));
        OutcomeTally.Batch failed = tally.take();
        tally.count("grep", false);
        tally.count("sed", true);
        tally.failed(new OutcomeTally.FailedApply(5, null, "later"));

        tally.restore(failed);
        OutcomeTally.Batch next = tally.take();

        assertThat(next.tools())
                .containsExactly(
                        java.util.Map.entry("grep", new OutcomeTally.ToolTally(2, 1)),
                        java.util.Map.entry("sed", new OutcomeTally.ToolTally(1, 0)));
        assertThat(next.applyFailures())
                .extracting(OutcomeTally.FailedApply::revision)
                .containsExactly(4L, 5L);
        assertThat(tally.dropped()).isZero();
    }

    @Test
    void aRestoredBatchStillFitsTheBound() {
        IntStream.range(0, 200).forEach(i -> tally.count("old-" + i, true));
        OutcomeTally.Batch failed = tally.take();
        IntStream.range(0, 1000).forEach(i -> tally.count("new-" + i, true));

        tally.restore(failed);

        assertThat(tally.toolsHeld()).isEqualTo(1000);
        assertThat(tally.dropped()).isEqualTo(200);
        assertThat(tally.take().tools()).containsKey("old-0");
    }

    @Test
    void keepsTwentyApplyFailuresAndSendsAMillionOfAnOutcomeAtMost() {
        IntStream.range(0, 25).forEach(i -> tally.failed(new OutcomeTally.FailedApply(i, null, "e")));
        for (long i = 0; i < OutcomeTally.MAX_COUNT + 5; i++) {
            tally.count("grep", false);
        }

        OutcomeTally.Batch first = tally.take();
        OutcomeTally.Batch second = tally.take();

        assertThat(first.applyFailures()).hasSize(20);
        assertThat(first.tools().get("grep")).isEqualTo(new OutcomeTally.ToolTally(0, OutcomeTally.MAX_COUNT));
        assertThat(second.tools().get("grep")).isEqualTo(new OutcomeTally.ToolTally(0, 5));
        assertThat(tally.dropped()).isEqualTo(5);
    }
}
