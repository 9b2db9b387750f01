package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.error.DatabaseUnavailableException;
import io.toolcatalog.core.store.ChangeLog;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write transaction's guard rails. Writes are admitted up to {@code catalog.writes.max-concurrent}
 * (past it a 503 at once, after a short queue), each runs under a lock and a statement timeout and
 * starts by taking the next revision. Concurrent writes share a transaction (group commit, up to
 * {@code catalog.writes.max-group} writes, see {@link WriteQueue}): each under a savepoint of its
 * own, so each keeps its own revision and its own outcome, and one that fails is rolled back alone
 * (its revision with it, so the next write takes the same number). When the database fails a write
 * the caller gets the truth, never a 500: nothing was written (503), or — when the connection died
 * while committing — the outcome is looked up on a fresh connection by the change's
 * {@code reload_id}, and a write that did commit answers as committed.
 */
public final class WriteTransactions {

    private static final Logger log = LoggerFactory.getLogger(WriteTransactions.class);

    /**
     * Each write of a group is a subtransaction; PostgreSQL keeps 64 of them per transaction in
     * shared memory, and past that every other session's snapshots get slower.
     */
    static final int MAX_GROUP = 64;

    /** The body of a write: runs inside the transaction, after the revision is taken. */
    @FunctionalInterface
    interface Work<T> {
        Done<T> apply(long revision);
    }

    /** What a write did: its answer, and the change it recorded (null when it wrote nothing). */
    record Done<T>(T value, CommittedChange change, RevisionRows rows) {

        static <T> Done<T> unchanged(T value) {
            return new Done<>(value, null, null);
        }
    }

    private final TransactionTemplate tx;
    private final TransactionTemplate checkTx;
    private final ChangeLog changes;
    private final WriteProperties properties;
    private final Sleeper sleeper;
    private final Semaphore admitted;
    private final WriteQueue queue;
    private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);
    private volatile IntConsumer groupSizes = size -> {};

    /** What went wrong with a write, counted for the operator. */
    public enum Fault {
        /** Not admitted: the node was running its bound of writes. */
        NOT_ADMITTED,
        /** The database failed it (down, timeout, connection lost) and nothing was written. */
        NOTHING_WRITTEN,
        /** The connection died around the commit, and the check found it committed. */
        COMMITTED_AFTER_ALL,
        /** The connection died around the commit, and the database could not be asked. */
        OUTCOME_UNKNOWN
    }

    /** What the database says of a commit whose answer was lost. */
    private enum Outcome {
        COMMITTED,
        NOT_COMMITTED,
        UNKNOWN
    }

    public WriteTransactions(TransactionTemplate tx, ChangeLog changes, WriteProperties properties, Sleeper sleeper) {
        this.tx = tx;
        this.checkTx = new TransactionTemplate(tx.getTransactionManager());
        this.changes = changes;
        this.properties = properties;
        this.sleeper = sleeper;
        this.admitted = new Semaphore(Math.max(1, properties.maxConcurrent()), true);
        int maxGroup = Math.min(MAX_GROUP, properties.maxGroup());
        this.queue = maxGroup > 1 ? new WriteQueue(maxGroup, properties.lockTimeout(), this::commit) : null;
        for (Fault fault : Fault.values()) {
            faults.put(fault, new LongAdder());
        }
    }

    /**
     * Runs {@code work} as change {@code reloadId}, in a group with other writes unless
     * {@code alone}; once it is known to be committed, hands its change to {@code announcer} and
     * returns its value.
     */
    <T> T execute(UUID reloadId, boolean alone, Work<T> work, ChangeAnnouncer announcer) {
        admit();
        try {
            PendingWrite<T> write = new PendingWrite<>(reloadId, alone, work, announcer);
            if (queue == null) {
                commit(List.of(write));
                write.announce();
            } else {
                queue.join(write);
            }
            return write.outcome();
        } finally {
            admitted.release();
        }
    }

    /** Writes running on this node right now. */
    public int inFlight() {
        return Math.max(1, properties.maxConcurrent()) - admitted.availablePermits();
    }

    /** Writes admitted and waiting for a group to take them. */
    public int queued() {
        return queue == null ? 0 : queue.waiting();
    }

    /** How many writes ended with {@code fault} since the node started. */
    public long count(Fault fault) {
        return faults.get(fault).sum();
    }

    /** Tells {@code sizes} how many writes each transaction carried, as they commit. */
    public void observeGroupSizes(IntConsumer sizes) {
        this.groupSizes = sizes;
    }

    private void admit() {
        try {
            if (admitted.tryAcquire(properties.admissionWait().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        faults.get(Fault.NOT_ADMITTED).increment();
        throw DatabaseUnavailableException.tooManyWrites(properties.maxConcurrent());
    }

    /**
     * Runs {@code group} as one transaction and decides each write's answer. A write alone runs as
     * writes always did (a failure or a write that changed nothing rolls the transaction back);
     * in a group the revision row is locked first, so no write waits for it again, and each write
     * runs under a savepoint that is rolled back when it fails or changes nothing.
     */
    private void commit(List<PendingWrite<?>> group) {
        groupSizes.accept(group.size());
        boolean savepoints = group.size() > 1;
        try {
            tx.executeWithoutResult(status -> {
                changes.boundWaits(properties.lockTimeout(), properties.statementTimeout());
                if (savepoints) {
                    changes.lockRevision();
                }
                for (PendingWrite<?> write : group) {
                    Object savepoint = savepoints ? status.createSavepoint() : null;
                    try {
                        write.run(changes.nextRevision());
                    } catch (DataAccessException | TransactionException e) {
                        log.warn(
                                "Write {} failed before commit; nothing was written: {}",
                                write.reloadId(),
                                e.getClass().getName());
                        write.failed(DatabaseUnavailableException.nothingWritten(e));
                    } catch (RuntimeException e) {
                        write.failed(e);
                    }
                    // a savepoint kept is not released: RELEASE would cost a round trip and free nothing
                    if (write.wrote()) {
                        continue;
                    }
                    if (savepoints) {
                        status.rollbackToSavepoint(savepoint);
                    } else {
                        status.setRollbackOnly();
                    }
                }
                if (group.stream().noneMatch(PendingWrite::wrote)) {
                    status.setRollbackOnly();
                }
            });
        } catch (DataAccessException | TransactionException e) {
            failed(group, e);
        }
    }

    /** The group's transaction failed: every write gets the truth of what was written. */
    private void failed(List<PendingWrite<?>> group, RuntimeException failure) {
        PendingWrite<?> first =
                group.stream().filter(PendingWrite::wrote).findFirst().orElse(null);
        Outcome outcome = first == null ? Outcome.NOT_COMMITTED : resolve(first.reloadId(), first.revision(), failure);
        if (first == null) {
            // the commit was never sent: the database rolled the transaction back
            log.warn(
                    "Write {} failed before commit; nothing was written: {}",
                    group.get(0).reloadId(),
                    failure.getClass().getName());
        }
        for (PendingWrite<?> write : group) {
            boolean wrote = write.wrote();
            switch (outcome) {
                // one transaction: its first change committed, so did every other, and each answer stands
                case COMMITTED -> count(wrote, Fault.COMMITTED_AFTER_ALL);
                case NOT_COMMITTED -> {
                    count(wrote, Fault.NOTHING_WRITTEN);
                    // an answer decided in a transaction that never committed may rest on its neighbours' writes
                    write.failed(DatabaseUnavailableException.nothingWritten(failure));
                }
                case UNKNOWN -> {
                    count(wrote, Fault.OUTCOME_UNKNOWN);
                    write.failed(
                            wrote
                                    ? DatabaseUnavailableException.outcomeUnknown(write.reloadId(), failure)
                                    : DatabaseUnavailableException.nothingWritten(failure));
                }
            }
        }
    }

    private void count(boolean wrote, Fault fault) {
        if (wrote) {
            faults.get(fault).increment();
        }
    }

    /**
     * The commit was sent and failed, or its answer was lost: ask the database what happened. The
     * group is one transaction, so its first change tells for all of them.
     */
    private Outcome resolve(UUID reloadId, long revision, RuntimeException failure) {
        log.warn(
                "Commit of revision {} (reload_id {}) failed: {}; checking on a fresh connection",
                revision,
                reloadId,
                failure.getClass().getName());
        for (int check = 1; check <= Math.max(1, properties.outcomeChecks()); check++) {
            Optional<UUID> committed;
            try {
                committed = checkTx.execute(status -> changes.reloadIdAt(revision, properties.lockTimeout()));
            } catch (DataAccessException | TransactionException e) {
                log.warn(
                        "Outcome check {} of reload_id {} failed: {}",
                        check,
                        reloadId,
                        e.getClass().getName());
                if (check < properties.outcomeChecks()) {
                    sleeper.sleep(properties.outcomeCheckBackoff());
                }
                continue;
            }
            if (committed.isPresent() && committed.get().equals(reloadId)) {
                log.info("Revision {} (reload_id {}) was committed after all", revision, reloadId);
                return Outcome.COMMITTED;
            }
            log.info("Revision {} (reload_id {}) was not committed; nothing was written", revision, reloadId);
            return Outcome.NOT_COMMITTED;
        }
        log.error("Outcome of reload_id {} at revision {} is unknown", reloadId, revision, failure);
        return Outcome.UNKNOWN;
    }
}
