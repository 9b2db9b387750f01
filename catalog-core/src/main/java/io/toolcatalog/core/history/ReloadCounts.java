package io.toolcatalog.core.history;

/** One node's reload counters since it started. */
public record ReloadCounts(long total, long successful, long failed) {

    public static final ReloadCounts NONE = new ReloadCounts(0, 0, 0);

    public static ReloadCounts of(ReloadEvent event) {
        return new ReloadCounts(1, event.success() ? 1 : 0, event.success() ? 0 : 1);
    }

    public ReloadCounts plus(ReloadCounts other) {
        return new ReloadCounts(total + other.total, successful + other.successful, failed + other.failed);
    }

    public double successRate() {
        return total == 0 ? 1.0 : (double) successful / total;
    }
}
