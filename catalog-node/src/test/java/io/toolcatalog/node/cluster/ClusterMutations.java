package io.toolcatalog.node.cluster;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A stream of mutations through one node's editor, over tool names of its own (so writers on
 * several nodes never conflict): creates, updates, toggles, deletes and bulk imports.
 */
final class ClusterMutations {

    private static final Actor ACTOR = Actor.of("cluster-it");

    private final CatalogEditor editor;
    private final String prefix;
    private final Random random;
    private final List<String> live = new ArrayList<>();
    private int created;
    private int done;

    ClusterMutations(CatalogEditor editor, String prefix, long seed) {
        this.editor = editor;
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    static ToolDraft draft(String name, String description) {
        return ToolDrafts.tool(name, description)
                .tags("it")
                .author("cluster-it")
                .build();
    }

    /** One mutation; returns the catalog revision after it. */
    long next() {
        done++;
        if (done % 25 == 0) {
            List<ToolDraft> drafts = List.of(
                    draft(prefix + "-imp-" + done % 6, "imported " + done),
                    draft(prefix + "-imp-" + (done + 1) % 6, "imported " + done),
                    draft(prefix + "-imp-" + (done + 2) % 6, "imported " + done));
            return editor.importTools(drafts, ImportMode.MERGE, false, ACTOR).revision();
        }
        int choice = random.nextInt(10);
        if (live.size() < 5 || choice < 3) {
            String name = prefix + "-" + created++;
            live.add(name);
            return editor.create(draft(name, "created " + done), ACTOR).revision();
        }
        String name = live.get(random.nextInt(live.size()));
        if (choice < 7) {
            ToolDraft patch = ToolDrafts.patch()
                    .description("updated " + done)
                    .author("cluster-it")
                    .build();
            return editor.update(name, patch, null, ACTOR).revision();
        }
        if (choice < 9) {
            live.remove(name);
            return editor.delete(name, null, ACTOR);
        }
        return editor.setEnabled(name, random.nextBoolean(), null, ACTOR).revision();
    }

    /** Through {@code node}'s editor, over names that start with its id and 4 random characters. */
    static ClusterMutations on(Node node, long seed) {
        return new ClusterMutations(
                node.bean(CatalogEditor.class),
                node.id() + "-" + UUID.randomUUID().toString().substring(0, 4),
                seed);
    }

    /**
     * A writer a node, each with its own mutations, until {@code stop} is set or each has done
     * {@code max}; the slowest mutation in ms goes to {@code slowestMs}. Returns how many each did.
     */
    static List<Future<Integer>> write(
            ExecutorService pool,
            List<Node> writers,
            Function<Node, ClusterMutations> mutations,
            AtomicBoolean stop,
            int max,
            AtomicLong slowestMs) {
        List<Future<Integer>> futures = new ArrayList<>();
        for (Node writer : writers) {
            ClusterMutations own = mutations.apply(writer);
            futures.add(pool.submit(() -> {
                int done = 0;
                while (!stop.get() && done < max) {
                    long t = System.nanoTime();
                    own.next();
                    slowestMs.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                    done++;
                }
                return done;
            }));
        }
        return futures;
    }

    /**
     * Through each of {@code writers}, with its own mutations, one mutation every 20 ms until the
     * futures are cancelled, each counted in {@code done}.
     */
    static List<ScheduledFuture<?>> paced(
            ScheduledExecutorService pool,
            List<Node> writers,
            Function<Node, ClusterMutations> mutations,
            AtomicInteger done) {
        List<ScheduledFuture<?>> futures = new ArrayList<>();
        for (Node writer : writers) {
            ClusterMutations own = mutations.apply(writer);
            futures.add(pool.scheduleWithFixedDelay(
                    () -> {
                        own.next();
                        done.incrementAndGet();
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS));
        }
        return futures;
    }

    /** Cancels {@link #paced} writers and waits for their pool to end. */
    static void stop(ScheduledExecutorService pool, List<ScheduledFuture<?>> writers) throws InterruptedException {
        writers.forEach(writer -> writer.cancel(false));
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Rethrows what a {@link #paced} writer that stopped by itself threw. */
    static void rethrowFailures(List<ScheduledFuture<?>> writers) throws Exception {
        for (ScheduledFuture<?> writer : writers) {
            if (!writer.isCancelled()) {
                writer.get();
            }
        }
    }

    /** The sum of what the writers did, rethrowing any failure. */
    static int sum(List<Future<Integer>> futures) throws Exception {
        int total = 0;
        for (Future<Integer> f : futures) {
            total += f.get();
        }
        return total;
    }
}
