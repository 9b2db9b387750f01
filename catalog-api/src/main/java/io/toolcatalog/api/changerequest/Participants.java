package io.toolcatalog.api.changerequest;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.core.changerequest.Participant;

/** A caller as a change request (and its rollout) sees them, and the comment they may attach. */
public final class Participants {

    static final int MAX_COMMENT = 2000;

    private Participants() {}

    public static Participant of(Caller caller) {
        return new Participant(
                caller.principal(),
                caller.role().includes(Role.APPROVER),
                caller.role().includes(Role.ADMIN));
    }

    static String comment(ChangeRequestBodies.Comment body) {
        String comment = body == null ? null : body.comment();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiProblem.badRequest("comment", "is longer than " + MAX_COMMENT + " characters");
        }
        return comment;
    }
}
