package io.toolcatalog.bench.reload;

import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A full reload (read everything in one REPEATABLE READ transaction, parse, build and swap the
 * snapshot) against {@code SELECT *} of the same rows into plain objects.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FullReloadBenchmark {

    @State(Scope.Benchmark)
    public static class ReloadState {

        @Param({"1000", "10000", "100000"})
        public int size;

        BenchCatalog catalog;
        CatalogReloader reloader;
        PlainReads plain;

        @Setup(Level.Trial)
        public void open() {
            catalog = BenchCatalog.create(size);
            reloader = catalog.newReloader("reader");
            plain = new PlainReads(catalog.dataSource());
        }

        @TearDown(Level.Trial)
        public void close() {
            catalog.close();
        }
    }

    @Benchmark
    public ReloadEvent reload(ReloadState state) {
        ReloadEvent event = state.reloader.reload(BenchCatalog.fullReload());
        if (!event.success() || state.reloader.snapshot().size() != state.size) {
            throw new IllegalStateException("full reload failed: " + event);
        }
        return event;
    }

    @Benchmark
    public List<PlainReads.PlainTool> selectAll(ReloadState state) {
        return state.plain.selectAll();
    }
}
