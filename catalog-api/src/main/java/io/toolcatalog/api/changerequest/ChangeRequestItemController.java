package io.toolcatalog.api.changerequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.ChangeRequestDiff;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staging and unstaging a change request's items, and its field-by-field diff. */
@RestController
@RequestMapping(ChangeRequestController.PATH + "/{id}")
@Tag(name = ApiTags.CHANGE_REQUESTS)
class ChangeRequestItemController {

    private final ChangeRequestCore changes;

    ChangeRequestItemController(ChangeRequestCore changes) {
        this.changes = changes;
    }

    @PutMapping("/items/{name}")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Stage one tool",
            description = "action upsert (tool: a whole tool for a new name, the fields to change of an existing"
                    + " one), delete, enable or disable; staged against the tool's version now. An edit of a"
                    + " request under review or approved puts it back to draft and clears its approvals.")
    ChangeRequestResponse stage(
            @PathVariable long id,
            @PathVariable String name,
            @RequestBody ChangeRequestBodies.ItemBody body,
            Caller caller) {
        StagedEdit.Action action = StagedEdit.Action.from(body.action());
        if (action == null) {
            throw ApiProblem.badRequest("action", "must be upsert, delete, enable or disable");
        }
        ToolDraft draft = null;
        if (action == StagedEdit.Action.UPSERT) {
            if (body.tool() == null) {
                throw ApiProblem.badRequest("tool", "is required for upsert");
            }
            draft = body.tool().toStaged();
        } else if (body.tool() != null) {
            throw ApiProblem.badRequest("tool", "only upsert takes a tool");
        }
        changes.requests().validator().checkName("name", name);
        return ChangeRequestResponse.from(
                changes.requests().stage(id, new StagedEdit(name, action, draft, null), Participants.of(caller)),
                changes);
    }

    @DeleteMapping("/items/{name}")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Unstage one tool",
            description = "Removes the item; past draft, the request goes back to draft.")
    ChangeRequestResponse unstage(@PathVariable long id, @PathVariable String name, Caller caller) {
        return ChangeRequestResponse.from(changes.requests().unstage(id, name, Participants.of(caller)), changes);
    }

    @GetMapping("/diff")
    @Requires(Role.READER)
    @Operation(
            summary = "What publishing would change",
            description = "Per tool, field by field (profiles per stage and parameter) against the catalog now;"
                    + " conflicts names the tools that moved since their item was staged.")
    ChangeRequestDiff.Diff diff(@PathVariable long id) {
        return changes.diff().of(changes.requests().get(id));
    }
}
