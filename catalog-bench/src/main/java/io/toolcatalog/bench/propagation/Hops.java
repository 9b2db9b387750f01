package io.toolcatalog.bench.propagation;

import io.toolcatalog.bench.cluster.NodeClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes' per-hop timers ({@code catalog.propagation.hop}, a percentile histogram per hop) read
 * from {@code /actuator/prometheus}: the cumulative bucket counts, summed over the nodes, so two
 * readings give the distribution of what happened between them.
 */
final class Hops {

    static final List<String> NAMES = List.of("commit_to_publish", "publish_to_receive", "receive_to_applied");

    private static final Pattern BUCKET =
            Pattern.compile("^catalog_propagation_hop_seconds_bucket\\{(.*)} ([0-9.eE+-]+)$");
    private static final Pattern HOP = Pattern.compile("hop=\"([a-z_]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    /** hop → (bucket upper bound in seconds → cumulative count). */
    private final Map<String, TreeMap<Double, Double>> buckets;

    private Hops(Map<String, TreeMap<Double, Double>> buckets) {
        this.buckets = buckets;
    }

    /** The buckets now, summed over {@code nodes}. */
    static Hops read(List<NodeClient> nodes) {
        Map<String, TreeMap<Double, Double>> sum = new HashMap<>();
        for (NodeClient node : nodes) {
            parse(node.prometheus())
                    .buckets
                    .forEach((hop, counts) -> counts.forEach((le, n) ->
                            sum.computeIfAbsent(hop, h -> new TreeMap<>()).merge(le, n, Double::sum)));
        }
        return new Hops(sum);
    }

    static Hops parse(String prometheus) {
        Map<String, TreeMap<Double, Double>> parsed = new HashMap<>();
        for (String line : prometheus.split("\n")) {
            Matcher m = BUCKET.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Matcher hop = HOP.matcher(m.group(1));
            Matcher le = LE.matcher(m.group(1));
            if (hop.find() && le.find()) {
                double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                parsed.computeIfAbsent(hop.group(1), h -> new TreeMap<>())
                        .merge(bound, Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return new Hops(parsed);
    }

    /** What was recorded after {@code earlier}. */
    Hops since(Hops earlier) {
        Map<String, TreeMap<Double, Double>> delta = new HashMap<>();
        buckets.forEach((hop, counts) -> {
            TreeMap<Double, Double> before = earlier.buckets.getOrDefault(hop, new TreeMap<>());
            TreeMap<Double, Double> d = new TreeMap<>();
            counts.forEach((le, n) -> d.put(le, n - before.getOrDefault(le, 0.0)));
            delta.put(hop, d);
        });
        return new Hops(delta);
    }

    long count(String hop) {
        TreeMap<Double, Double> counts = buckets.get(hop);
        return counts == null || counts.isEmpty()
                ? 0
                : Math.round(counts.lastEntry().getValue());
    }

    /**
     * The upper bound, in ms, of the bucket holding the {@code percentile}: the value is at most
     * this, and more than the bucket below. NaN when nothing was recorded.
     */
    double percentileMs(String hop, double percentile) {
        long total = count(hop);
        if (total == 0) {
            return Double.NaN;
        }
        double rank = Math.ceil(percentile / 100.0 * total);
        for (Map.Entry<Double, Double> bucket : buckets.get(hop).entrySet()) {
            if (bucket.getValue() >= rank) {
                return bucket.getKey() * 1000.0;
            }
        }
        return Double.NaN;
    }
}
