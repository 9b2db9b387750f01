package io.toolcatalog.core.rollout;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.changerequest.RolloutRequests;
import io.toolcatalog.core.error.RolloutException;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.core.write.StagedPublisher;
import io.toolcatalog.core.write.StateChanges;
import io.toolcatalog.core.write.StateChanges.Touched;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gradual rollouts of change requests. Every move is a catalog revision, taken with the rollout's
 * row locked inside that revision's transaction and conditional on the state and step the mover
 * saw: two nodes (or a person and the driver) moving one rollout at once move it once, and a node
 * that dies mid-step leaves it as it was. Starting stores the candidate versions (what the change
 * request makes of its tools) and holds those tools; completing publishes the request, aborting
 * fails it and leaves the stable versions as they are.
 */
public final class Rollouts {

    /** Who the driver's steps are recorded as. */
    public static final String DRIVER = "rollout-driver";

    private final RolloutStore store;
    private final StateChanges changes;
    private final StagedPublisher publisher;
    private final RolloutRequests requests;

    public Rollouts(RolloutStore store, StateChanges changes, StagedPublisher publisher, RolloutRequests requests) {
        this.store = store;
        this.changes = changes;
        this.publisher = publisher;
        this.requests = requests;
    }

    /** Starts rolling out change request {@code changeRequestId} at the plan's first step. */
    public Rollout start(long changeRequestId, RolloutPlan plan, Participant by) {
        plan.validate();
        ChangeRequest request = requests.rollable(changeRequestId, by);
        Actor actor = new Actor(by.name(), by.name(), "rollout of change request " + changeRequestId);
        long id = changes.commit(ChangeLog.ROLLOUT_START, actor, ReloadTrigger.ROLLOUT, changeRequestId, revision -> {
                    Instant now = changes.now();
                    long rollout = store.insert(changeRequestId, plan, revision, by.name(), now);
                    requests.startRollingOut(request, by.name(), rollout);
                    Map<String, Optional<Tool>> candidates = publisher.results(request.items(), revision, actor);
                    Map<String, Integer> stable = new HashMap<>();
                    request.items().forEach(item -> stable.put(item.name(), item.baseVersion()));
                    List<String> names = List.copyOf(candidates.keySet());
                    store.hold(rollout, names);
                    store.candidates(rollout, candidates, stable);
                    store.recordChange(
                            rollout,
                            revision,
                            RolloutState.RUNNING,
                            0,
                            plan.steps().get(0).percent(),
                            by.name(),
                            null,
                            now);
                    return Optional.of(new Touched<>(rollout, names));
                })
                .orElseThrow(() -> new IllegalStateException("a rollout start wrote nothing"));
        return find(id);
    }

    public Rollout find(long id) {
        return store.find(id).orElseThrow(() -> RolloutException.notFound(id));
    }

    /** The newest rollouts first, only those in {@code state} when given. */
    public List<Rollout> list(RolloutState state, int limit) {
        return store.list(state, limit);
    }

    public List<Rollout.RolloutChange> history(long id) {
        find(id);
        return store.history(id);
    }

    /** Outcomes reported on rollout {@code id} within its abort rule's window, as of {@code now}. */
    public Outcomes outcomes(Rollout rollout, Instant now) {
        return store.outcomeStore()
                .since(
                        rollout.id(),
                        now.minus(rollout.abortWhen().window()),
                        rollout.abortWhen().window());
    }

    /** The outcomes reported on rollout {@code id}, per slice, oldest first (at most {@code limit} slices). */
    public List<OutcomeSlice> slices(long id, int limit) {
        return store.outcomeStore().slices(id, limit);
    }

    /** The next step now (the last one completes it: the change request is published). */
    public Rollout advance(long id, Participant by) {
        Rollout seen = find(id);
        requireState(seen, "advance", RolloutState.RUNNING, RolloutState.PAUSED);
        if (!advance(seen, by.name(), false)) {
            throw RolloutException.wrongState(id, "moving", "advance");
        }
        return find(id);
    }

    public Rollout pause(long id, Participant by) {
        return byHand(id, "pause", RolloutState.RUNNING, RolloutState.PAUSED, false, by);
    }

    /** Running again; the current step's hold starts over. */
    public Rollout resume(long id, Participant by) {
        return byHand(id, "resume", RolloutState.PAUSED, RolloutState.RUNNING, true, by);
    }

    /** Moves rollout {@code id} from {@code from} to {@code to} at its step, as {@code by} asked. */
    private Rollout byHand(
            long id, String action, RolloutState from, RolloutState to, boolean stepStarted, Participant by) {
        Rollout seen = find(id);
        requireState(seen, action, from);
        if (!move(
                seen,
                "rollout_" + action,
                ReloadTrigger.ROLLOUT,
                to,
                seen.step(),
                stepStarted,
                by.name(),
                null,
                false)) {
            throw RolloutException.wrongState(id, "moving", action);
        }
        return find(id);
    }

    /** Everyone back on the stable versions: a revision recorded with trigger {@code rollback} and {@code reason}. */
    public Rollout abort(long id, String by, String reason) {
        Rollout seen = find(id);
        requireState(seen, "abort", RolloutState.RUNNING, RolloutState.PAUSED);
        if (!abort(seen, by, reason, false)) {
            throw RolloutException.wrongState(id, "moving", "abort");
        }
        return find(id);
    }

    /**
     * Aborts {@code seen} unless it moved meanwhile; {@code claimOnly}: leave it when another
     * transaction holds its row (the driver). Whether this call aborted it.
     */
    boolean abort(Rollout seen, String by, String reason, boolean claimOnly) {
        String why = reason == null || reason.isBlank() ? "aborted by " + by : reason;
        return move(
                seen,
                "rollout_abort",
                ReloadTrigger.ROLLBACK,
                RolloutState.ABORTED,
                seen.step(),
                false,
                by,
                why,
                claimOnly);
    }

    /** Moves {@code seen} one step on (or completes it); whether this call did. */
    boolean advance(Rollout seen, String by, boolean claimOnly) {
        int next = seen.step() + 1;
        if (next >= seen.steps().size() || seen.steps().get(next).percent() >= 100) {
            return complete(seen, by, claimOnly);
        }
        return move(seen, "rollout_step", ReloadTrigger.ROLLOUT, RolloutState.RUNNING, next, true, by, null, claimOnly);
    }

    private boolean complete(Rollout seen, String by, boolean claimOnly) {
        ChangeRequest request = requests.rolling(seen.changeRequestId());
        List<StagedEdit> items = request.items();
        Actor actor = new Actor(
                by, by, "rollout " + seen.id() + " of change request " + seen.changeRequestId() + " completed");
        return publisher
                .publish("rollout_complete", items, seen.changeRequestId(), actor, ReloadTrigger.ROLLOUT, revision -> {
                    Optional<Rollout> locked = claim(seen, claimOnly);
                    if (locked.isEmpty()) {
                        return false;
                    }
                    store.release(seen.id());
                    store.moved(
                            locked.get(),
                            RolloutState.COMPLETED,
                            seen.steps().size() - 1,
                            revision,
                            true,
                            by,
                            null,
                            changes.now());
                    requests.published(seen.changeRequestId(), revision, by, seen.id());
                    return true;
                })
                .isPresent();
    }

    private boolean move(
            Rollout seen,
            String operation,
            ReloadTrigger trigger,
            RolloutState to,
            int step,
            boolean stepStarted,
            String by,
            String reason,
            boolean claimOnly) {
        Actor actor =
                new Actor(by, by, reason != null ? reason : "rollout " + seen.id() + ": " + operation.substring(8));
        return changes.commit(operation, actor, trigger, seen.changeRequestId(), revision -> {
                    Optional<Rollout> locked = claim(seen, claimOnly);
                    if (locked.isEmpty()) {
                        return Optional.empty();
                    }
                    store.moved(locked.get(), to, step, revision, stepStarted, by, reason, changes.now());
                    if (to == RolloutState.ABORTED) {
                        store.release(seen.id());
                        requests.failed(seen.changeRequestId(), by, "rollout " + seen.id() + " aborted: " + reason);
                    }
                    return Optional.of(new Touched<>(true, locked.get().tools()));
                })
                .isPresent();
    }

    /**
     * The rollout's row, locked in the caller's transaction, if it is still as {@code seen} (state,
     * step and revision); empty when it moved, or with {@code claimOnly} when another transaction holds it.
     */
    private Optional<Rollout> claim(Rollout seen, boolean claimOnly) {
        return (claimOnly ? store.lockUnlessClaimed(seen.id()) : store.lock(seen.id()))
                .filter(locked -> locked.state() == seen.state()
                        && locked.step() == seen.step()
                        && locked.revision() == seen.revision());
    }

    private static void requireState(Rollout rollout, String action, RolloutState... allowed) {
        if (!Set.of(allowed).contains(rollout.state())) {
            throw RolloutException.wrongState(rollout.id(), rollout.state().value(), action);
        }
    }
}
