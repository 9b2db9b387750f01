package io.toolcatalog.api.rollout;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.changerequest.Participants;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.Rollouts;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starting a change request's rollout, reading rollouts, and moving them by hand. Every move is a
 * catalog revision; the answer's {@code X-Catalog-Revision} is that revision. Moving a rollout takes
 * an approver while review is required ({@code catalog.changes.review=required}), an editor otherwise.
 */
@RestController
@Tag(name = ApiTags.ROLLOUTS)
class RolloutController {

    static final String PATH = "/api/v1/rollouts";
    static final int MAX_LIMIT = 100;
    /** Slices of outcomes a rollout's answer carries for the chart. */
    static final int SLICES = 60;

    private final Rollouts rollouts;
    private final boolean reviewRequired;
    private final Clock clock;

    RolloutController(Rollouts rollouts, boolean reviewRequired, Clock clock) {
        this.rollouts = rollouts;
        this.reviewRequired = reviewRequired;
        this.clock = clock;
    }

    @PostMapping(path = "/api/v1/change-requests/{id}/rollout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Start a rollout of a change request",
            description = "The request's changes reach the plan's first step's percent of matching consumers"
                    + " (sticky by consumer id); steps advance by themselves after their hold with"
                    + " auto_advance, or by hand. An approver while review is required, else an editor;"
                    + " the request must be approved (review required) or open (review off). 409 when a"
                    + " tool is under another rollout (rollout_id names it) or changed since staged.")
    @ApiResponse(responseCode = "201", description = "The rollout; Location names it")
    ResponseEntity<RolloutResponse> start(
            @PathVariable long id,
            @RequestBody RolloutBodies.StartBody body,
            Caller caller,
            ResponseRevision revision) {
        if (body == null) {
            throw ApiProblem.badRequest("body", "is required: the rollout's plan");
        }
        Participant by = mover(caller);
        Rollout started = rollouts.start(id, body.plan(), by);
        revision.committed(started.revision());
        return ResponseEntity.created(URI.create(PATH + "/" + started.id())).body(detail(started));
    }

    @GetMapping(PATH)
    @Requires(Role.READER)
    @Operation(summary = "List rollouts", description = "The newest first; state filters by state, limit ≤ 100.")
    RolloutResponse.RolloutPage list(
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit) {
        RolloutState wanted = state == null ? null : RolloutState.from(state);
        if (state != null && wanted == null) {
            throw ApiProblem.badRequest("state", "'" + state + "' is not running, paused, completed or aborted");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return new RolloutResponse.RolloutPage(
                rollouts.list(wanted, limit).stream().map(RolloutResponse::of).toList());
    }

    @GetMapping(PATH + "/{id}")
    @Requires(Role.READER)
    @Operation(
            summary = "Read a rollout",
            description = "Its plan and step, the cohort's and the control's outcomes within the abort rule's"
                    + " window, its history (one entry per revision) and the outcomes per slice.")
    RolloutResponse get(@PathVariable long id) {
        return detail(rollouts.find(id));
    }

    @PostMapping(PATH + "/{id}/advance")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Advance a rollout",
            description = "The next step now; past the last step (or at 100 %) it completes and the change"
                    + " request is published. 409 unless running or paused.")
    RolloutResponse advance(@PathVariable long id, Caller caller, ResponseRevision revision) {
        return moved(rollouts.advance(id, mover(caller)), revision);
    }

    @PostMapping(PATH + "/{id}/pause")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Pause a rollout",
            description = "It keeps its cohort and stops advancing by itself. 409 unless running.")
    RolloutResponse pause(@PathVariable long id, Caller caller, ResponseRevision revision) {
        return moved(rollouts.pause(id, mover(caller)), revision);
    }

    @PostMapping(PATH + "/{id}/resume")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Resume a rollout",
            description = "Running again; the current step's hold starts over. 409 unless paused.")
    RolloutResponse resume(@PathVariable long id, Caller caller, ResponseRevision revision) {
        return moved(rollouts.resume(id, mover(caller)), revision);
    }

    @PostMapping(PATH + "/{id}/abort")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Abort a rollout",
            description = "Everyone back on the stable versions, a revision recorded with trigger rollback and"
                    + " the reason; the change request fails. 409 unless running or paused.")
    RolloutResponse abort(
            @PathVariable long id,
            @RequestBody(required = false) RolloutBodies.Abort body,
            Caller caller,
            ResponseRevision revision) {
        String reason = RolloutBodies.Abort.reasonOf(body);
        Participant by = mover(caller);
        return moved(rollouts.abort(id, by.name(), reason), revision);
    }

    /** The caller as the mover of a rollout: an approver while review is required. */
    private Participant mover(Caller caller) {
        if (reviewRequired && !caller.role().includes(Role.APPROVER)) {
            throw ApiProblem.forbidden("Review is required: principal '" + caller.principal() + "' has role "
                    + caller.role().value() + "; starting and moving a rollout needs approver");
        }
        return Participants.of(caller);
    }

    private RolloutResponse moved(Rollout rollout, ResponseRevision revision) {
        revision.committed(rollout.revision());
        return detail(rollout);
    }

    private RolloutResponse detail(Rollout rollout) {
        return RolloutResponse.of(
                rollout,
                rollouts.outcomes(rollout, clock.instant()),
                rollouts.history(rollout.id()),
                rollouts.slices(rollout.id(), SLICES));
    }
}
