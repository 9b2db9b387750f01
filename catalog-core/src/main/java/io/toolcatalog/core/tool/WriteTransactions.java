package io.toolcatalog.core.tool;

import io.toolcatalog.core.concurrent.Sleeper;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write transaction's guard rails. Writes are admitted up to {@code catalog.writes.max-concurrent}
 * (past it a 503 at once, after a short queue), each runs under a lock and a statement timeout and
 * starts by taking the next revision. When the database fails a write the caller gets the truth,
 * never a 500: nothing was written (503), or — when the connection died while committing — the
 * outcome is looked up on a fresh connection by the change's {@code reload_id}, and a write that
 * did commit answers as committed.
 */
public final class WriteTransactions {

    private static final Logger log = LoggerFactory.getLogger(WriteTransactions.class);

    /** The body of a write: runs inside the transaction, after the revision is taken. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(long revision, TransactionStatus status);
    }

    private final TransactionTemplate tx;
    private final TransactionTemplate checkTx;
    private final ChangeLog changes;
    private final WriteProperties properties;
    private final Sleeper sleeper;
    private final Semaphore admitted;
    private final Map<Fault, LongAdder> faults = new EnumMap<>(Fault.class);

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

    public WriteTransactions(TransactionTemplate tx, ChangeLog changes, WriteProperties properties, Sleeper sleeper) {
        this.tx = tx;
        this.checkTx = new TransactionTemplate(tx.getTransactionManager());
        this.changes = changes;
        this.properties = properties;
        this.sleeper = sleeper;
        this.admitted = new Semaphore(Math.max(1, properties.maxConcurrent()), true);
        for (Fault fault : Fault.values()) {
            faults.put(fault, new LongAdder());
        }
    }

    /** Runs {@code work} as change {@code reloadId}; returns its value once it is known to be committed. */
    public <T> T execute(UUID reloadId, Work<T> work) {
        admit();
        try {
            return run(reloadId, work);
        } finally {
            admitted.release();
        }
    }

    /** Writes running on this node right now. */
    public int inFlight() {
        return Math.max(1, properties.maxConcurrent()) - admitted.availablePermits();
    }

    /** How many writes ended with {@code fault} since the node started. */
    public long count(Fault fault) {
        return faults.get(fault).sum();
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

    private <T> T run(UUID reloadId, Work<T> work) {
        AtomicReference<Attempt<T>> reached = new AtomicReference<>();
        try {
            return tx.execute(status -> {
                changes.boundWaits(properties.lockTimeout(), properties.statementTimeout());
                long revision = changes.nextRevision();
                T value = work.apply(revision, status);
                reached.set(new Attempt<>(revision, value, status.isRollbackOnly()));
                return value;
            });
        } catch (DataAccessException | TransactionException e) {
            Attempt<T> attempt = reached.get();
            if (attempt == null || attempt.rolledBack()) {
                // the commit was never sent: the database rolled the transaction back
                log.warn(
                        "Write {} failed before commit; nothing was written: {}",
                        reloadId,
                        e.getClass().getName());
                throw DatabaseUnavailableException.nothingWritten(e);
            }
            return resolve(reloadId, attempt, e);
        }
    }

    /** The commit was sent and failed, or its answer was lost: ask the database what happened. */
    private <T> T resolve(UUID reloadId, Attempt<T> attempt, RuntimeException failure) {
        log.warn(
                "Commit of revision {} (reload_id {}) failed: {}; checking on a fresh connection",
                attempt.revision(),
                reloadId,
                failure.getClass().getName());
        for (int check = 1; check <= Math.max(1, properties.outcomeChecks()); check++) {
            Optional<UUID> committed;
            try {
                committed = checkTx.execute(status -> changes.reloadIdAt(attempt.revision(), properties.lockTimeout()));
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
                log.info("Revision {} (reload_id {}) was committed after all", attempt.revision(), reloadId);
                faults.get(Fault.COMMITTED_AFTER_ALL).increment();
                return attempt.value();
            }
            log.info("Revision {} (reload_id {}) was not committed; nothing was written", attempt.revision(), reloadId);
            faults.get(Fault.NOTHING_WRITTEN).increment();
            throw DatabaseUnavailableException.nothingWritten(failure);
        }
        log.error("Outcome of reload_id {} at revision {} is unknown", reloadId, attempt.revision(), failure);
        faults.get(Fault.OUTCOME_UNKNOWN).increment();
        throw DatabaseUnavailableException.outcomeUnknown(reloadId, failure);
    }

    private record Attempt<T>(long revision, T value, boolean rolledBack) {}
}
