package io.toolcatalog.core.write;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One write on its way through a group commit: what it runs and, once its group is decided, its
 * own answer — the value its work returned, its own failure, or the group's when the transaction
 * itself failed.
 */
final class PendingWrite<T> {

    private static final Logger log = LoggerFactory.getLogger(PendingWrite.class);

    private final UUID reloadId;
    private final boolean alone;
    private final WriteTransactions.Work<T> work;
    private final ChangeAnnouncer announcer;
    private WriteTransactions.Done<T> step;
    private RuntimeException failure;
    /** Guarded by the {@link WriteQueue}'s lock. */
    private boolean answered;

    PendingWrite(UUID reloadId, boolean alone, WriteTransactions.Work<T> work, ChangeAnnouncer announcer) {
        this.reloadId = reloadId;
        this.alone = alone;
        this.work = work;
        this.announcer = announcer;
    }

    UUID reloadId() {
        return reloadId;
    }

    /** Runs in a transaction of its own rather than in a group (a bulk import). */
    boolean alone() {
        return alone;
    }

    /** Runs the work at {@code revision}, inside the group's transaction. */
    void run(long revision) {
        step = work.apply(revision);
    }

    void failed(RuntimeException e) {
        failure = e;
    }

    /** Its work ran, recorded a change, and nothing has failed it since. */
    boolean wrote() {
        return failure == null && step != null && step.change() != null;
    }

    /** The revision it wrote; only when {@link #wrote()}. */
    long revision() {
        return step.change().revision();
    }

    /**
     * Once its group committed: tells the cluster and this node, when it changed anything. The write
     * is committed whatever the announcer throws, so nothing it throws (an {@link Error} included)
     * becomes this write's answer or stops the group's other announcements: it is logged, and false
     * returned for the caller to count.
     */
    boolean announce() {
        if (!wrote()) {
            return true;
        }
        try {
            announcer.committed(step.change(), step.rows());
            return true;
        } catch (Throwable e) {
            log.error("Revision {} (reload_id {}) is committed, but announcing it failed", revision(), reloadId, e);
            return false;
        }
    }

    boolean answered() {
        return answered;
    }

    void answer() {
        answered = true;
    }

    /** What the caller gets: the value, or its failure thrown. */
    T outcome() {
        if (failure != null) {
            throw failure;
        }
        return step.value();
    }
}
