package io.toolcatalog.core.changerequest;

import static io.toolcatalog.core.changerequest.ChangeRequestState.ROLLING_OUT;

import io.toolcatalog.core.changerequest.Transitions.Transition;
import io.toolcatalog.core.error.ChangeRequestException;

/**
 * What a gradual rollout does to its change request, each step inside the rollout's own revision
 * transaction (so the request's state and the catalog commit together): an approved request (any
 * open one while review is off) starts {@code rolling_out}; completing publishes it at the
 * completing revision; aborting fails it with the reason.
 */
public final class RolloutRequests {

    private final ChangeRequestStore store;
    private final ChangeRequestPublishing publishing;
    private final Transitions transitions;

    RolloutRequests(ChangeRequestStore store, ChangeRequestPublishing publishing, Transitions transitions) {
        this.store = store;
        this.publishing = publishing;
        this.transitions = transitions;
    }

    /** Request {@code id} as it is now, checked as one {@code by} may roll out (nothing locked). */
    public ChangeRequest rollable(long id, Participant by) {
        return publishing.ready(id, by, "roll out", "be rolled out");
    }

    /**
     * Locks request {@code id} in the caller's transaction, checks it is still as {@code seen} and
     * moves it to {@code rolling_out}.
     */
    public ChangeRequest startRollingOut(ChangeRequest seen, String actor, long rolloutId) {
        ChangeRequest locked = store.lock(seen.id()).orElseThrow(() -> ChangeRequestException.notFound(seen.id()));
        publishing.requireReady(locked, "be rolled out");
        if (locked.state() != seen.state() || !locked.contentHash().equals(seen.contentHash())) {
            throw ChangeRequestException.wrongState(seen.id(), "changed meanwhile", "be rolled out");
        }
        transitions.write(
                locked,
                new Transition(transitions.moved(locked, ROLLING_OUT), "rolling_out", actor, "rollout " + rolloutId));
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
        transitions.write(locked, publishing.published(locked, revision, actor, "rollout " + rolloutId + " completed"));
    }

    /** The rolled-out request failed with {@code reason} (in the caller's transaction). */
    public void failed(long id, String actor, String reason) {
        ChangeRequest locked = lockedRollingOut(id);
        transitions.write(locked, publishing.failed(locked, actor, reason));
    }

    private ChangeRequest lockedRollingOut(long id) {
        ChangeRequest locked = store.lock(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        Transitions.requireState(locked, "leave a rollout", ROLLING_OUT);
        return locked;
    }
}
