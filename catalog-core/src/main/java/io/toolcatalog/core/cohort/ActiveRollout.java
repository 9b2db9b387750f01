package io.toolcatalog.core.cohort;

import io.toolcatalog.core.tool.Tool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rollout as a node serves it at one revision: which consumers are in its cohort ({@code
 * percent} of those whose labels carry {@code cohortLabels}) and what they see instead of the
 * stable tools ({@code candidates}; {@code removed}: tools the candidate deletes). A paused rollout
 * keeps its cohort. Membership is a pure function of the rollout's id, the consumer's id and labels
 * and the percent: a consumer's bucket never changes, so raising the percent only adds consumers.
 */
public record ActiveRollout(
        long id,
        long changeRequestId,
        boolean paused,
        int step,
        double percent,
        Map<String, String> cohortLabels,
        Map<String, Tool> candidates,
        Set<String> removed,
        long revision) {

    /** Buckets per 100 %: a percent is honoured to two decimals. */
    public static final int BUCKETS = 10_000;

    public ActiveRollout {
        cohortLabels = Map.copyOf(cohortLabels);
        candidates = Map.copyOf(candidates);
        removed = Set.copyOf(removed);
    }

    /** Whether {@code consumer} is in this rollout's cohort: it has an id, its labels match and its bucket is below the percent. */
    public boolean includes(ConsumerIdentity consumer) {
        return !consumer.anonymous()
                && consumer.matches(cohortLabels)
                && bucket(id, consumer.id()) < Math.round(percent * (BUCKETS / 100.0));
    }

    /** The tools this rollout holds (changed or removed in the candidate), in name order. */
    public Set<String> toolNames() {
        Set<String> names = new TreeSet<>(candidates.keySet());
        names.addAll(removed);
        return names;
    }

    /** A consumer's bucket in {@code [0, BUCKETS)}: a hash of the rollout's id and the consumer's id. */
    public static int bucket(long rolloutId, String consumerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((rolloutId + ":" + consumerId).getBytes(StandardCharsets.UTF_8));
            long value = ((hash[0] & 0xffL) << 24)
                    | ((hash[1] & 0xffL) << 16)
                    | ((hash[2] & 0xffL) << 8)
                    | (hash[3] & 0xffL);
            return (int) (value % BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
