package io.toolcatalog.node.robustness;

import io.toolcatalog.node.robustness.FaultSchedule.Type;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one run of the randomized history checker does, from system properties:
 * {@code robustness.duration} (default 60s; {@code 10m} runs longer), {@code robustness.seed}
 * (default random: a failure prints it, so the run can be replayed), {@code robustness.clients},
 * {@code robustness.faults.off} (fault kinds never injected, e.g. {@code BAD_ROW,HAND_EDIT}).
 *
 * @param seed seeds the clients' choices and the fault schedule
 * @param duration how long clients and faults run
 * @param clients concurrent client threads
 * @param nodes catalog node processes
 * @param fullReloadThreshold the nodes' {@code catalog.sync.full-reload-threshold}, small so the
 *     partial/full reload boundary is crossed often
 * @param toolNames size of the name pool clients draw from (small, so names collide)
 * @param faultsOff the fault kinds this run never injects (the closing ones included)
 */
record RobustnessSettings(
        long seed,
        Duration duration,
        int clients,
        int nodes,
        int fullReloadThreshold,
        int toolNames,
        Set<Type> faultsOff) {

    static RobustnessSettings fromSystemProperties() {
        String seed = System.getProperty("robustness.seed", "");
        return new RobustnessSettings(
                seed.isBlank() ? ThreadLocalRandom.current().nextLong(1, 1_000_000_000L) : Long.parseLong(seed.trim()),
                parseDuration(System.getProperty("robustness.duration", "60s")),
                Integer.getInteger("robustness.clients", 6),
                3,
                3,
                12,
                Type.parse(System.getProperty("robustness.faults.off", "")));
    }

    boolean injects(Type type) {
        return !faultsOff.contains(type);
    }

    /** {@code 90s}, {@code 10m}, {@code 1h}, or an ISO-8601 duration such as {@code PT2M}. */
    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("robustness.duration '" + value + "' is not like 60s or 10m");
        };
    }

    String replayHint() {
        String off = faultsOff.isEmpty()
                ? ""
                : " -Drobustness.faults.off="
                        + String.join(",", faultsOff.stream().map(Type::name).toList());
        return "-Drobustness.seed=" + seed + " -Drobustness.duration=" + duration.toSeconds() + "s" + off;
    }
}
