package io.toolcatalog.api.changerequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.tool.ImportBodies;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.ChangeRequestDiff;
import io.toolcatalog.core.changerequest.ChangeRequestState;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.core.write.StagedEdit;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A change request's content: opening, listing and reading requests and their events, staging and unstaging items, the diff. */
@RestController
@RequestMapping(ChangeRequestController.PATH)
@Tag(name = ApiTags.CHANGE_REQUESTS)
class ChangeRequestController {

    static final String PATH = "/api/v1/change-requests";

    private final ChangeRequestCore changes;
    private final ImportBodies bodies;

    ChangeRequestController(ChangeRequestCore changes, ImportBodies bodies) {
        this.changes = changes;
        this.bodies = bodies;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Open a change request",
            description = "A draft with no items, staged against the catalog now.")
    @ApiResponse(responseCode = "201", description = "The draft; Location names it")
    ResponseEntity<ChangeRequestResponse> create(@RequestBody ChangeRequestBodies.Create body, Caller caller) {
        ChangeRequest created =
                changes.requests().open(body.title(), body.description(), List.of(), Participants.of(caller));
        return created(created);
    }

    @PostMapping(
            params = "from=file",
            consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Open a change request from an import file",
            description = "The export's shape, JSON or YAML; its items are what importing it would change now"
                    + " (mode=replace: tools the file leaves out become deletes).")
    @ApiResponse(responseCode = "201", description = "The draft; Location names it")
    ResponseEntity<ChangeRequestResponse> fromFile(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestParam(defaultValue = "merge") String mode,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            Caller caller)
            throws IOException {
        ImportMode importMode =
                switch (mode.toLowerCase(Locale.ROOT)) {
                    case "merge" -> ImportMode.MERGE;
                    case "replace" -> ImportMode.REPLACE;
                    default -> throw ApiProblem.badRequest("mode", "'" + mode + "' is not merge or replace");
                };
        List<ToolDraft> drafts = bodies.drafts(body, contentType);
        ChangeRequest created = changes.requests()
                .openFromFile(
                        title == null ? "Import (" + importMode.name().toLowerCase(Locale.ROOT) + ")" : title,
                        description,
                        drafts,
                        importMode,
                        Participants.of(caller));
        return created(created);
    }

    @GetMapping
    @Requires(Role.READER)
    @Operation(summary = "List change requests", description = "The newest first; state filters by state.")
    ChangeRequestResponse.ChangeRequestPage list(
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        ChangeRequestState wanted = state == null ? null : ChangeRequestState.from(state);
        if (state != null && wanted == null) {
            throw ApiProblem.badRequest("state", "'" + state + "' is not a change request state");
        }
        if (limit < 1 || limit > 200 || offset < 0) {
            throw ApiProblem.badRequest(limit < 1 || limit > 200 ? "limit" : "offset", "is out of range");
        }
        return new ChangeRequestResponse.ChangeRequestPage(changes.requests().list(wanted, limit, offset).stream()
                .map(request -> ChangeRequestResponse.from(request, changes))
                .toList());
    }

    @GetMapping("/{id}")
    @Requires(Role.READER)
    @Operation(
            summary = "Read a change request",
            description = "Its state, items with their bases, and the approvals of its current content.")
    ChangeRequestResponse get(@PathVariable long id) {
        return ChangeRequestResponse.from(changes.requests().get(id), changes);
    }

    @GetMapping("/{id}/events")
    @Requires(Role.READER)
    @Operation(
            summary = "A change request's history",
            description = "Every step: who, when, from and to which state, the comment.")
    ChangeRequestResponse.Events events(@PathVariable long id) {
        return new ChangeRequestResponse.Events(changes.requests().events(id));
    }

    @PutMapping("/{id}/items/{name}")
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

    @DeleteMapping("/{id}/items/{name}")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Unstage one tool",
            description = "Removes the item; past draft, the request goes back to draft.")
    ChangeRequestResponse unstage(@PathVariable long id, @PathVariable String name, Caller caller) {
        return ChangeRequestResponse.from(changes.requests().unstage(id, name, Participants.of(caller)), changes);
    }

    @GetMapping("/{id}/diff")
    @Requires(Role.READER)
    @Operation(
            summary = "What publishing would change",
            description = "Per tool, field by field (profiles per stage and parameter) against the catalog now;"
                    + " conflicts names the tools that moved since their item was staged.")
    ChangeRequestDiff.Diff diff(@PathVariable long id) {
        return changes.diff().of(changes.requests().get(id));
    }

    private ResponseEntity<ChangeRequestResponse> created(ChangeRequest created) {
        return ResponseEntity.created(URI.create(PATH + "/" + created.id()))
                .body(ChangeRequestResponse.from(created, changes));
    }
}
