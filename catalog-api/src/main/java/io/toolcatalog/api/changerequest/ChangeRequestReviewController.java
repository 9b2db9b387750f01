package io.toolcatalog.api.changerequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.Participant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A change request's review and publication: each step a transition recorded with who, when and a comment. */
@RestController
@RequestMapping(ChangeRequestController.PATH + "/{id}")
@Tag(name = ApiTags.CHANGE_REQUESTS)
class ChangeRequestReviewController {

    private final ChangeRequestCore changes;

    ChangeRequestReviewController(ChangeRequestCore changes) {
        this.changes = changes;
    }

    @PostMapping("/submit")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Submit for review",
            description = "Every item validated as a direct write; 422 lists every problem.")
    ChangeRequestResponse submit(
            @PathVariable long id, @RequestBody(required = false) ChangeRequestBodies.Comment body, Caller caller) {
        return step(changes.review()::submit, id, body, caller);
    }

    @PostMapping("/approve")
    @Requires(Role.APPROVER)
    @Operation(summary = "Approve", description = "Never by the author; binds to the request's content.")
    ChangeRequestResponse approve(
            @PathVariable long id, @RequestBody(required = false) ChangeRequestBodies.Comment body, Caller caller) {
        return step(changes.review()::approve, id, body, caller);
    }

    @PostMapping("/reject")
    @Requires(Role.APPROVER)
    @Operation(summary = "Reject", description = "By an approver or admin, from in_review or approved.")
    ChangeRequestResponse reject(
            @PathVariable long id, @RequestBody(required = false) ChangeRequestBodies.Comment body, Caller caller) {
        return step(changes.review()::reject, id, body, caller);
    }

    @PostMapping("/withdraw")
    @Requires(Role.EDITOR)
    @Operation(summary = "Withdraw", description = "By the author or an admin.")
    ChangeRequestResponse withdraw(
            @PathVariable long id, @RequestBody(required = false) ChangeRequestBodies.Comment body, Caller caller) {
        return step(changes.review()::withdraw, id, body, caller);
    }

    @PostMapping("/rebase")
    @Requires(Role.EDITOR)
    @Operation(summary = "Rebase", description = "Every item staged again against the catalog now; back to draft.")
    ChangeRequestResponse rebase(
            @PathVariable long id, @RequestBody(required = false) ChangeRequestBodies.Comment body, Caller caller) {
        return step(changes.review()::rebase, id, body, caller);
    }

    @PostMapping("/schedule")
    @Requires(Role.EDITOR)
    @Operation(summary = "Schedule", description = "An approved request is published at publish_at by one node.")
    ChangeRequestResponse schedule(
            @PathVariable long id, @RequestBody ChangeRequestBodies.Schedule body, Caller caller) {
        if (body == null || body.publishAt() == null) {
            throw ApiProblem.badRequest("publish_at", "is required (an ISO-8601 instant)");
        }
        return ChangeRequestResponse.from(
                changes.review().schedule(id, body.publishAt(), Participants.of(caller)), changes);
    }

    @PostMapping("/publish")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Publish now",
            description = "All items in one transaction and one revision; 409 naming the tools that changed since"
                    + " they were staged (nothing written).")
    ChangeRequestResponse publish(@PathVariable long id, Caller caller, ResponseRevision revision) {
        ChangeRequest published = changes.publishing().publish(id, Participants.of(caller));
        revision.committed(published.publishedRevision());
        return ChangeRequestResponse.from(published, changes);
    }

    /** A review step that takes the caller's comment. */
    private ChangeRequestResponse step(Step step, long id, ChangeRequestBodies.Comment body, Caller caller) {
        return ChangeRequestResponse.from(step.take(id, Participants.comment(body), Participants.of(caller)), changes);
    }

    @FunctionalInterface
    private interface Step {
        ChangeRequest take(long id, String comment, Participant by);
    }
}
