package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequest.StateEvent;
import io.toolcatalog.core.error.ChangeRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves one change request, in a transaction that holds its row lock: what the caller decides from
 * the locked request is written with a conditional update (its state must still be the one read)
 * and recorded as an event. Two nodes acting on one request at once therefore act one after the
 * other, and the second decides on what the first left.
 */
final class Transitions {

    /** What a caller decided: the request as it is to be, and the event that records the step. */
    record Transition(ChangeRequest next, String action, String actor, String comment) {}

    private final ChangeRequestStore store;
    private final TransactionTemplate tx;
    private final Clock clock;

    Transitions(ChangeRequestStore store, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** Runs {@code decide} on request {@code id} under its row lock and writes what it decided. */
    ChangeRequest apply(long id, Function<ChangeRequest, Transition> decide) {
        return tx.execute(status -> {
            ChangeRequest current = store.lock(id).orElseThrow(() -> ChangeRequestException.notFound(id));
            Transition step = decide.apply(current);
            write(current, step);
            return store.find(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        });
    }

    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    /** Writes {@code step} over {@code current}, which the caller's transaction has locked. */
    void write(ChangeRequest current, Transition step) {
        if (!store.update(step.next(), current.state())) {
            throw ChangeRequestException.wrongState(
                    current.id(), "no longer " + current.state().value(), step.action());
        }
        store.event(
                current.id(),
                new StateEvent(
                        step.actor(),
                        step.action(),
                        current.state(),
                        step.next().state(),
                        step.comment(),
                        now()));
    }

    /** {@code request} in {@code state}, touched now; {@code publishAt} kept only while it stays approved. */
    ChangeRequest moved(ChangeRequest request, ChangeRequestState state) {
        return new ChangeRequest(
                request.id(),
                request.title(),
                request.description(),
                state,
                request.author(),
                request.baseRevision(),
                request.contentHash(),
                state == ChangeRequestState.APPROVED ? request.publishAt() : null,
                request.publishedRevision(),
                state == ChangeRequestState.FAILED ? request.failureReason() : null,
                request.createdAt(),
                now(),
                request.items(),
                request.approvals());
    }

    /** {@code request} with another content hash, base, publish time, published revision or failure. */
    static ChangeRequest with(
            ChangeRequest request, String hash, long base, Instant publishAt, Long published, String failure) {
        return new ChangeRequest(
                request.id(),
                request.title(),
                request.description(),
                request.state(),
                request.author(),
                base,
                hash,
                publishAt,
                published,
                failure,
                request.createdAt(),
                request.updatedAt(),
                request.items(),
                request.approvals());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void requireState(ChangeRequest request, String action, ChangeRequestState... allowed) {
        for (ChangeRequestState state : allowed) {
            if (request.state() == state) {
                return;
            }
        }
        throw ChangeRequestException.wrongState(request.id(), request.state().value(), action);
    }

    /** The author, or an admin. */
    static void requireAuthorOrAdmin(ChangeRequest request, Participant by, String action) {
        if (!by.admin() && !by.name().equals(request.author())) {
            throw ChangeRequestException.notAllowed("Only the author (" + request.author() + ") or an admin may "
                    + action + " change request " + request.id());
        }
    }

    /** The author, an approver or an admin. */
    static void requireAuthorOrApprover(ChangeRequest request, Participant by, String action) {
        if (!by.approver() && !by.name().equals(request.author())) {
            throw ChangeRequestException.notAllowed("Only the author (" + request.author() + ") or an approver may "
                    + action + " change request " + request.id());
        }
    }
}
