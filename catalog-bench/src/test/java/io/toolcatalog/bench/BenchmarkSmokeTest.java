package io.toolcatalog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.toolcatalog.bench.cluster.Convergence;
import io.toolcatalog.bench.reload.BenchCatalog;
import io.toolcatalog.bench.reload.CatchUpBenchmark;
import io.toolcatalog.bench.reload.FullReloadBenchmark;
import io.toolcatalog.bench.report.Machine;
import io.toolcatalog.bench.report.Report;
import io.toolcatalog.bench.report.ReportWriter;
import io.toolcatalog.bench.report.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the benchmark code working on tiny sizes; the benchmarks themselves run only from bench/run. */
class BenchmarkSmokeTest {

    @Nested
    class AgainstPostgres {

        @Test
        void catchUpBodyAppliesOneChangedTool() {
            assumeTrue(System.getenv(BenchCatalog.JDBC_ENV) != null, "needs CATALOG_TEST_JDBC_URL");
            CatchUpBenchmark.CatchUpState state = new CatchUpBenchmark.CatchUpState();
            state.size = 20;
            state.open();
            try {
                state.changeOneTool();
                assertThat(new CatchUpBenchmark().catchUp(state).toolsChanged()).isEqualTo(1);
            } finally {
                state.close();
            }
        }

        @Test
        void fullReloadBodyLoadsEveryToolAndTheBaselineReadsThemToo() {
            assumeTrue(System.getenv(BenchCatalog.JDBC_ENV) != null, "needs CATALOG_TEST_JDBC_URL");
            FullReloadBenchmark.ReloadState state = new FullReloadBenchmark.ReloadState();
            state.size = 50;
            state.open();
            try {
                FullReloadBenchmark benchmark = new FullReloadBenchmark();
                assertThat(benchmark.reload(state).toolsChanged()).isEqualTo(50);
                assertThat(benchmark.selectAll(state)).hasSize(50);
            } finally {
                state.close();
            }
        }
    }

    @Test
    void convergenceIsCommitToTheLastNodeSeenApplyingTheRevision() {
        Instant commit = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, Map<Long, Instant>> seen = Map.of(
                "a", Map.of(1L, commit.plusNanos(1_000_000), 2L, commit.plusNanos(1_000_000)),
                "b", Map.of(1L, commit.plusNanos(500_000), 2L, commit.plusNanos(3_000_000)));

        Convergence.ConvergenceResult result = Convergence.of(Map.of(1L, commit, 2L, commit, 3L, commit), seen);

        assertThat(result.unmatched()).isEqualTo(1); // nobody applied revision 3
        assertThat(result.micros().getTotalCount()).isEqualTo(2);
        assertThat(result.micros().getMinValue()).isBetween(999L, 1001L); // revision 1: a at 1 ms
        assertThat(result.micros().getMaxValue()).isBetween(2990L, 3010L); // revision 2: b at 3 ms
    }

    @Test
    void reportHasEachFigureBesideItsBaselineAndAChart(@TempDir Path dir) throws Exception {
        Report report = new Report("bench/run --quick");
        report.add(Row.of("single-tool catch-up", "time", 0.2, "ms")
                .against("point read", 0.1)
                .target("≤ 0.3 ms", true));
        report.add(Row.of("full reload, 10,000 tools", "time", 80, "ms").target("≤ 50 ms", false));
        Histogram h = new Histogram(60_000_000L, 3);
        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 10L);
        }
        report.distribution("convergence", h);

        Path md = ReportWriter.write(report, Machine.describe(), dir, "2026-01-01-0000");

        String text = Files.readString(md);
        assertThat(text)
                .contains(
                        "| single-tool catch-up | time | 0.20 ms | point read: 0.10 ms | 2.00× | ≤ 0.3 ms | **met** |")
                .contains("**missed**")
                .contains("2026-01-01-0000-convergence.png")
                .contains("CPUs (nproc)");
        assertThat(dir.resolve("2026-01-01-0000-convergence.png")).isNotEmptyFile();
    }
}
