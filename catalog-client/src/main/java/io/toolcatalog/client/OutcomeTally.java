package io.toolcatalog.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client has counted and not yet sent: per tool, the calls that worked and those that
 * failed, and the changes a listener failed to apply. It never grows past a fixed size — 1000
 * tools, 20 apply failures — so a pipeline that reports thousands of tool names, or a node that
 * stays down for a day, costs a bounded amount of memory; what does not fit is dropped and
 * counted. {@link #take()} hands out one batch of the size the nodes accept; a batch that could not
 * be sent goes back with {@link #restore(Batch)} and is merged with what was counted since.
 */
final class OutcomeTally {

    /** Distinct tools held at most; outcomes of further tools are dropped. */
    static final int MAX_TOOLS_HELD = 1000;
    /** Tools in one report at most (the nodes accept 200). */
    static final int MAX_TOOLS_PER_BATCH = 200;
    /** Apply failures held, and sent in one report, at most (the nodes accept 20). */
    static final int MAX_APPLY_FAILURES = 20;
    /** The highest count one report may carry per tool and outcome; the rest waits for the next report. */
    static final long MAX_COUNT = 1_000_000;

    /** One tool's outcomes in a batch. */
    record ToolTally(long success, long failure) {

        long total() {
            return success + failure;
        }
    }

    /** A change a listener threw on: its revision, its tool when it touched only one ({@code null} otherwise), the error. */
    record FailedApply(long revision, String tool, String error) {}

    /** One report's content. */
    record Batch(Map<String, ToolTally> tools, List<FailedApply> applyFailures) {

        boolean isEmpty() {
            return tools.isEmpty() && applyFailures.isEmpty();
        }

        long outcomes() {
            return tools.values().stream().mapToLong(ToolTally::total).sum();
        }
    }

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Deque<FailedApply> failures = new ArrayDeque<>();
    private long dropped;

    /** ToolTally one outcome of {@code tool}; dropped (and counted as dropped) when 1000 other tools are held. */
    synchronized void count(String tool, boolean success) {
        long[] held = counts.get(tool);
        if (held == null) {
            if (counts.size() >= MAX_TOOLS_HELD) {
                dropped++;
                return;
            }
            held = new long[2];
            counts.put(tool, held);
        }
        held[success ? 0 : 1]++;
    }

    /** Keeps an apply failure for the next report; dropped (and counted) when 20 are waiting already. */
    synchronized void failed(FailedApply failure) {
        if (failures.size() >= MAX_APPLY_FAILURES) {
            dropped++;
            return;
        }
        failures.addLast(failure);
    }

    /** Removes and returns the oldest 200 tools' counts (at most a million of each outcome) and the apply failures. */
    synchronized Batch take() {
        Map<String, ToolTally> tools = new LinkedHashMap<>();
        Iterator<Map.Entry<String, long[]>> entries = counts.entrySet().iterator();
        while (entries.hasNext() && tools.size() < MAX_TOOLS_PER_BATCH) {
            Map.Entry<String, long[]> entry = entries.next();
            long[] held = entry.getValue();
            long success = Math.min(held[0], MAX_COUNT);
            long failure = Math.min(held[1], MAX_COUNT);
            tools.put(entry.getKey(), new ToolTally(success, failure));
            held[0] -= success;
            held[1] -= failure;
            if (held[0] == 0 && held[1] == 0) {
                entries.remove();
            }
        }
        List<FailedApply> applyFailures = new ArrayList<>(failures);
        failures.clear();
        return new Batch(Collections.unmodifiableMap(tools), List.copyOf(applyFailures));
    }

    /**
     * Puts a batch that could not be sent back in front of what was counted since, merging the
     * counts of tools in both; tools past the bound are dropped and counted.
     */
    synchronized void restore(Batch batch) {
        Map<String, long[]> merged = new LinkedHashMap<>();
        batch.tools().forEach((tool, sent) -> merged.put(tool, new long[] {sent.success(), sent.failure()}));
        counts.forEach((tool, held) -> {
            long[] both = merged.get(tool);
            if (both == null) {
                merged.put(tool, held);
            } else {
                both[0] += held[0];
                both[1] += held[1];
            }
        });
        counts.clear();
        for (Map.Entry<String, long[]> entry : merged.entrySet()) {
            if (counts.size() < MAX_TOOLS_HELD) {
                counts.put(entry.getKey(), entry.getValue());
            } else {
                dropped += entry.getValue()[0] + entry.getValue()[1];
            }
        }
        List<FailedApply> newer = new ArrayList<>(failures);
        failures.clear();
        for (FailedApply failure : batch.applyFailures()) {
            failed(failure);
        }
        newer.forEach(this::failed);
    }

    /** A batch that can never be sent (the node refused it as such): its outcomes count as dropped. */
    synchronized void discard(Batch batch) {
        dropped += batch.outcomes() + batch.applyFailures().size();
    }

    synchronized boolean isEmpty() {
        return counts.isEmpty() && failures.isEmpty();
    }

    synchronized int toolsHeld() {
        return counts.size();
    }

    /** Outcomes and apply failures dropped so far, because the bounds were reached or a node refused them. */
    synchronized long dropped() {
        return dropped;
    }
}
