package io.toolcatalog.node.robustness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, drawn from the run's random seed before it starts: what, when, on which node, for how
 * long. The last few seconds of the run are left quiet.
 */
final class FaultSchedule {

    enum Type {
        /** {@code CLIENT KILL TYPE pubsub}: every node loses its subscription at once. */
        PUBSUB_KILL,
        /** The private Redis is killed and started again after {@code length}. */
        REDIS_OUTAGE,
        /** One node is SIGKILLed, then started again after {@code length}. */
        NODE_KILL,
        /** {@code pg_terminate_backend} of one node's (or every node's) PostgreSQL connections. */
        PG_TERMINATE
    }

    /**
     * @param at when, from the start of the run
     * @param node which node, or -1 for all of them
     * @param length how long an outage lasts (Redis, a killed node); zero for instant faults
     */
    record Fault(Duration at, Type type, int node, Duration length) {

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

    static List<Fault> draw(long seed, Duration run, int nodes) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Fault> faults = new ArrayList<>();
        long end = run.toMillis() - 8_000;
        long at = 2_000 + random.nextInt(2_000);
        while (at < end) {
            Type type = Type.values()[pick(random, 3, 2, 2, 3)];
            int node = type == Type.PUBSUB_KILL || type == Type.REDIS_OUTAGE
                    ? -1
                    : type == Type.PG_TERMINATE && random.nextInt(3) == 0 ? -1 : random.nextInt(nodes);
            Duration length =
                    switch (type) {
                        case REDIS_OUTAGE -> Duration.ofMillis(1_000 + random.nextInt(3_000));
                        case NODE_KILL -> Duration.ofMillis(500 + random.nextInt(2_500));
                        default -> Duration.ZERO;
                    };
            faults.add(new Fault(Duration.ofMillis(at), type, node, length));
            at += 2_000 + random.nextInt(4_000);
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
