package io.toolcatalog.core.changerequest;

import static io.toolcatalog.core.changerequest.ChangeRequestState.APPROVED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.DRAFT;
import static io.toolcatalog.core.changerequest.ChangeRequestState.FAILED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.IN_REVIEW;
import static io.toolcatalog.core.changerequest.ChangeRequestState.PUBLISHED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.ROLLING_OUT;

import io.toolcatalog.core.changerequest.Transitions.Step;
import io.toolcatalog.core.error.ChangeRequestException;

/**
 * What a gradual rollout does to its change request, each step inside the rollout's own revision
 * transaction (so the request's state and the catalog commit together): an approved request (any
 * open one while review is off) starts {@code rolling_out}; completing publishes it at the
 * completing revision; aborting fails it with the reason.
 */
public final class RolloutRequests {

    private final ChangeRequestStore store;
    private final StagedValidation validation;
    private final Transitions transitions;
    private final ChangesProperties properties;

    RolloutRequests(
            ChangeRequestStore store,
            StagedValidation validation,
            Transitions transitions,
            ChangesProperties properties) {
        this.store = store;
        this.validation = validation;
        this.transitions = transitions;
        this.properties = properties;
    }

    /** Request {@code id} as it is now, checked as one {@code by} may roll out (nothing locked). */
    public ChangeRequest rollable(long id, Participant by) {
        ChangeRequest request = store.find(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        Transitions.requireAuthorOrApprover(request, by, "roll out");
        requireRollable(request);
        if (request.items().isEmpty()) {
            throw ChangeRequestException.wrongState(id, "empty", "be rolled out");
        }
        validation.require(request.items());
        return request;
    }

    /**
     * Locks request {@code id} in the caller's transaction, checks it is still as {@code seen} and
     * moves it to {@code rolling_out}.
     */
    public ChangeRequest startRollingOut(ChangeRequest seen, String actor, long rolloutId) {
        ChangeRequest locked = store.lock(seen.id()).orElseThrow(() -> ChangeRequestException.notFound(seen.id()));
        requireRollable(locked);
        if (locked.state() != seen.state() || !locked.contentHash().equals(seen.contentHash())) {
            throw ChangeRequestException.wrongState(seen.id(), "changed meanwhile", "be rolled out");
        }
        transitions.write(
                locked, new Step(transitions.moved(locked, ROLLING_OUT), "rolling_out", actor, "rollout " + rolloutId));
        return locked;
    }

    /** Request {@code id}, which a rollout holds. */
    public ChangeRequest rolling(long id) {
        ChangeRequest request = store.find(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        Transitions.requireState(request, "complete a rollout", ROLLING_OUT);
        return request;
    }

    /** The rolled-out request, published at {@code revision} (in the caller's transaction). */
    public void published(long id, long revision, String actor, long rolloutId) {
        ChangeRequest locked = lockedRollingOut(id);
        ChangeRequest next = Transitions.with(
                transitions.moved(locked, PUBLISHED),
                locked.contentHash(),
                locked.baseRevision(),
                null,
                revision,
                null);
        transitions.write(locked, new Step(next, "published", actor, "rollout " + rolloutId + " completed"));
    }

    /** The rolled-out request failed with {@code reason} (in the caller's transaction). */
    public void failed(long id, String actor, String reason) {
        ChangeRequest locked = lockedRollingOut(id);
        ChangeRequest next = Transitions.with(
                transitions.moved(locked, FAILED), locked.contentHash(), locked.baseRevision(), null, null, reason);
        transitions.write(locked, new Step(next, "failed", actor, reason));
    }

    private ChangeRequest lockedRollingOut(long id) {
        ChangeRequest locked = store.lock(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        Transitions.requireState(locked, "leave a rollout", ROLLING_OUT);
        return locked;
    }

    private void requireRollable(ChangeRequest request) {
        if (properties.reviewRequired()) {
            Transitions.requireState(request, "be rolled out before it is approved", APPROVED);
        } else {
            Transitions.requireState(request, "be rolled out", DRAFT, IN_REVIEW, APPROVED);
        }
    }
}
