package io.toolcatalog.bench.reload;

import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogReads;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
 * A node's catch-up after one tool changed elsewhere (one revision behind), against one
 * PostgreSQL point read of one tool row by primary key.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CatchUpBenchmark {

    @State(Scope.Benchmark)
    public static class CatchUpState {

        @Param({"1000", "10000"})
        public int size;

        BenchCatalog catalog;
        CatalogReloader reader;
        PlainReads plain;
        long edits;

        @Setup(Level.Trial)
        public void open() {
            catalog = BenchCatalog.create(size);
            reader = catalog.newReloader("reader");
            reader.reload(BenchCatalog.fullReload());
            plain = new PlainReads(catalog.dataSource());
        }

        /** Another node commits one change; its cost is not measured. */
        @Setup(Level.Invocation)
        public void changeOneTool() {
            catalog.touch(ThreadLocalRandom.current().nextInt(1, size + 1), ++edits);
        }

        @TearDown(Level.Trial)
        public void close() {
            catalog.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Rows {

        @Param({"1000", "10000"})
        public int size;

        BenchCatalog catalog;
        PlainReads plain;

        @Setup(Level.Trial)
        public void open() {
            catalog = BenchCatalog.create(size);
            plain = new PlainReads(catalog.dataSource());
        }

        @TearDown(Level.Trial)
        public void close() {
            catalog.close();
        }
    }

    @Benchmark
    public ReloadEvent catchUp(CatchUpState state) {
        ReloadEvent event = state.reader.catchUp();
        if (event == null || !event.success() || event.toolsChanged() != 1) {
            throw new IllegalStateException("catch-up did not apply exactly one tool: " + event);
        }
        return event;
    }

    /** The catch-up's one statement alone (one change behind), to split its cost from the apply. */
    @State(Scope.Benchmark)
    public static class OneChangeBehind {

        @Param({"1000", "10000"})
        public int size;

        BenchCatalog catalog;
        CatalogReads reads;
        long behind;

        @Setup(Level.Trial)
        public void open() {
            catalog = BenchCatalog.create(size);
            catalog.touch(1, 1);
            reads = catalog.reads();
            behind = catalog.jdbc().queryForObject("SELECT revision FROM catalog_state", Long.class) - 1;
        }

        @TearDown(Level.Trial)
        public void close() {
            catalog.close();
        }
    }

    @Benchmark
    public CatalogDelta readSince(OneChangeBehind state) {
        return state.reads.readSince(state.behind, 1000, List.of());
    }

    @Benchmark
    public PlainReads.PlainTool pointRead(Rows state) {
        return state.plain.pointRead(
                BenchCatalog.toolName(ThreadLocalRandom.current().nextInt(1, state.size + 1)));
    }
}
