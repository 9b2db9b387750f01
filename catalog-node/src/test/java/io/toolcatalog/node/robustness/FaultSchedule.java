package io.toolcatalog.node.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of a run, drawn from the run's random seed before it starts: what, when, on which node, for how
 * long, among the kinds not switched off. The last few seconds of the run are left quiet.
 */
final class FaultSchedule {

    enum Type {
        /** {@code CLIENT KILL TYPE pubsub}: every node loses its subscription at once. */
        PUBSUB_KILL(3),
        /** The private Redis is killed and started again after {@code length}. */
        REDIS_OUTAGE(2),
        /** One node is SIGKILLed, then started again after {@code length}. */
        NODE_KILL(2),
        /** {@code pg_terminate_backend} of one node's (or every node's) PostgreSQL connections. */
        PG_TERMINATE(3),
        /** A {@code tools} row edited in SQL without a new revision, then every node reloaded. */
        HAND_EDIT(3),
        /** A row's profiles made unreadable in SQL, every node reloaded and read, the row put back. */
        BAD_ROW(2),
        /** A truncated or forged message on the cluster's channel. */
        FORGED_MESSAGE(2),
        /** A watcher on one node that asks for the stream and never reads it. */
        STALLED_READER(1),
        /** A burst of long polls, each with a consumer name never seen before. */
        CONSUMER_BURST(1);

        private final int weight;

        Type(int weight) {
            this.weight = weight;
        }

        boolean wholeCluster() {
            return this != NODE_KILL && this != PG_TERMINATE && this != STALLED_READER && this != CONSUMER_BURST;
        }

        /** The kinds {@code robustness.faults.off} names (comma-separated, any case), for bisecting. */
        static Set<Type> parse(String names) {
            Set<Type> types = EnumSet.noneOf(Type.class);
            for (String name : names.split(",")) {
                if (!name.isBlank()) {
                    types.add(valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                }
            }
            return types;
        }
    }

    /**
     * @param at when, from the start of the run
     * @param node which node, or -1 for all of them
     * @param length how long an outage lasts (Redis, a killed node); zero for instant faults
     */
    record ScheduledFault(Duration at, Type type, int node, Duration length) {

        @Override
        public String toString() {
            return String.format(
                    "%.1fs %s%s%s",
                    at.toMillis() / 1000.0,
                    type,
                    node < 0 ? "" : " n" + (node + 1),
                    length.isZero() ? "" : " for " + length.toMillis() + " ms");
        }
    }

    private FaultSchedule() {}

    static List<ScheduledFault> draw(long seed, Duration run, int nodes, Set<Type> off) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Type> on = java.util.Arrays.stream(Type.values())
                .filter(t -> !off.contains(t))
                .toList();
        List<ScheduledFault> faults = new ArrayList<>();
        long end = run.toMillis() - 8_000;
        long at = 2_000 + random.nextInt(2_000);
        while (at < end && !on.isEmpty()) {
            Type type = on.get(pick(random, on.stream().mapToInt(t -> t.weight).toArray()));
            int node = type.wholeCluster()
                    ? -1
                    : type == Type.PG_TERMINATE && random.nextInt(3) == 0 ? -1 : random.nextInt(nodes);
            Duration length =
                    switch (type) {
                        case REDIS_OUTAGE -> Duration.ofMillis(1_000 + random.nextInt(3_000));
                        case NODE_KILL -> Duration.ofMillis(500 + random.nextInt(2_500));
                        default -> Duration.ZERO;
                    };
            faults.add(new ScheduledFault(Duration.ofMillis(at), type, node, length));
            at += 1_500 + random.nextInt(3_000);
        }
        return faults;
    }

    private static int pick(Random random, int... weights) {
        int total = java.util.Arrays.stream(weights).sum();
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
