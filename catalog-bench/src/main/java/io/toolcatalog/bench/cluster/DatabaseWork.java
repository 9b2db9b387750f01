package io.toolcatalog.bench.cluster;

import io.toolcatalog.testsupport.MeasuredDatabase;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * PostgreSQL transactions per mutation, counted from outside: {@code pg_stat_database.xact_commit}
 * of a database only the measured nodes use, over a window holding the mutations, minus what the
 * nodes commit when idle (the revision poll, the digest check), counted over a window right after.
 * PostgreSQL flushes an idle backend's counters within 10 s, so each reading waits {@code flush}
 * first; both windows are read to read, so the flush delay is the same at both ends.
 */
public final class DatabaseWork {

    /** One window's count, net of the idle rate over the same length. */
    public record WorkResult(int mutations, long busy, double busySeconds, long idle, double idleSeconds) {

        double idleInBusyWindow() {
            return idleSeconds <= 0 ? 0 : idle * busySeconds / idleSeconds;
        }

        public double perMutation() {
            return (busy - idleInBusyWindow()) / mutations;
        }

        public String note() {
            return String.format(
                    Locale.ROOT,
                    "%d transactions in %.1f s with %d mutations; idle %d in %.1f s",
                    busy,
                    busySeconds,
                    mutations,
                    idle,
                    idleSeconds);
        }
    }

    private final String adminUrl;
    private final String database;
    private final Duration flush;

    public DatabaseWork(String adminUrl, String database, Duration flush) {
        this.adminUrl = adminUrl;
        this.database = database;
        this.flush = flush;
    }

    /** Runs {@code mutation} for 0 … {@code mutations}-1 (each should wait until applied everywhere). */
    public WorkResult measure(int mutations, IntConsumer mutation) {
        Cluster.pause(flush.toMillis()); // what came before is counted before the window opens
        long before = xactCommit();
        long start = System.nanoTime();
        for (int i = 0; i < mutations; i++) {
            mutation.accept(i);
        }
        Cluster.pause(flush.toMillis());
        long busy = xactCommit() - before;
        long busyEnd = System.nanoTime();
        Cluster.pause((busyEnd - start) / 1_000_000);
        long idle = xactCommit() - before - busy;
        long idleEnd = System.nanoTime();
        return new WorkResult(mutations, busy, (busyEnd - start) / 1e9, idle, (idleEnd - busyEnd) / 1e9);
    }

    /** Retried: a shared PostgreSQL may be out of connections for a moment. */
    private long xactCommit() {
        for (int attempt = 1; ; attempt++) {
            try {
                return MeasuredDatabase.xactCommit(adminUrl, database);
            } catch (IllegalStateException e) {
                if (attempt == 5) {
                    throw e;
                }
                Cluster.pause(1000);
            }
        }
    }
}
