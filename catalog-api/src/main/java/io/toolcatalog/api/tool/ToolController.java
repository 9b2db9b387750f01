package io.toolcatalog.api.tool;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.view.ViewETag;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reading and editing single tools. Reads come from the node's snapshot, never from the database,
 * as the caller's view of it (stable, or a rollout's candidates for a consumer in its cohort).
 */
@RestController
@RequestMapping("/api/v1/tools")
@Tag(name = ApiTags.TOOLS)
class ToolController {

    private final CatalogEditor editor;
    private final RenderedTools rendered;
    private final ToolValidator validator;

    ToolController(CatalogEditor editor, RenderedTools rendered, ToolValidator validator) {
        this.editor = editor;
        this.rendered = rendered;
        this.validator = validator;
    }

    @GetMapping
    @Operation(
            summary = "List tools",
            description = "The tools of this node's snapshot in the caller's view, filtered by enabled, category,"
                    + " tag and q (in the name or description), paged by limit (1..1000) and offset; with the total"
                    + " and the revision. Its ETag names the revision and the view.")
    @ApiResponse(responseCode = "200", description = "The tools")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag sent")
    ResponseEntity<ToolListResponse> list(
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ConsumerView view) {
        ToolQuery query = new ToolQuery(enabled, category, tag, q, limit, offset);
        String etag = ViewETag.of(view);
        if (ViewETag.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        CatalogSnapshot snapshot = view.snapshot();
        List<Tool> matching = snapshot.tools().stream().filter(query).toList();
        List<ToolResponse> page = matching.stream()
                .skip(offset)
                .limit(limit)
                .map(ToolResponse::from)
                .toList();
        return ResponseEntity.ok().eTag(etag).body(new ToolListResponse(page, matching.size(), snapshot.revision()));
    }

    @GetMapping(value = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Read one tool",
            description = "The tool in the caller's view with its ETag (its version: a rollout's candidate is a"
                    + " later version than the stable tool); If-None-Match with that ETag answers 304.")
    @ApiResponse(responseCode = "200", description = "The tool")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag sent")
    @ApiResponse(responseCode = "404", description = "No tool of that name")
    ResponseEntity<byte[]> get(
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ConsumerView view) {
        Tool tool = view.snapshot().tool(name).orElseThrow(() -> ToolNotFoundException.named(name));
        if (Preconditions.notModified(ifNoneMatch, tool)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(Preconditions.etagOf(tool))
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(Preconditions.etagOf(tool))
                .contentType(MediaType.APPLICATION_JSON)
                .body(rendered.json(tool));
    }

    @PostMapping
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Create a tool",
            description = "One transaction, one new catalog revision, applied on this node before the answer and on"
                    + " every node within milliseconds. created_by names the author (the principal otherwise).")
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag name it")
    @ApiResponse(responseCode = "409", description = "A tool of that name exists")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "grep",
                                            value =
                                                    "{\"name\": \"grep\", \"description\": \"Search text using patterns\", \"category\": \"search\",\n \"tags\": [\"text\"], \"enabled\": true,\n \"profiles\": {\"default\": {\"timeout_ms\": 5000, \"max_retries\": 2, \"cost_weight\": 0.2,\n                          \"latency_weight\": 0.5, \"quality_weight\": 0.3, \"parameters\": {\"flags\": \"-n\"}}}}")))
    ResponseEntity<ToolResponse> create(
            @org.springframework.web.bind.annotation.RequestBody ToolBody body,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        ServerOwnedFields.refuseOnCreate(body);
        ToolDraft draft = body.toNewDraft();
        checkAuthors(body);
        Tool tool = editor.create(draft, validator.actor(caller.principal(), draft.author(), reason));
        revision.committed(tool.revision());
        return ResponseEntity.created(URI.create("/api/v1/tools/" + tool.name()))
                .eTag(Preconditions.etagOf(tool))
                .body(ToolResponse.from(tool));
    }

    @PutMapping("/{name}")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Update a tool",
            description = "Only the fields sent change. If-Match (or a version in the body) makes it conditional:"
                    + " 412 when the tool has moved on, with its current ETag.")
    @ApiResponse(responseCode = "200", description = "Updated; the new ETag")
    @ApiResponse(responseCode = "404", description = "No tool of that name")
    @ApiResponse(responseCode = "412", description = "If-Match names an older version; ETag has the current one")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "description",
                                            value = "{\"description\": \"Search text using patterns (UPDATED)\","
                                                    + " \"updated_by\": \"test_user\"}")))
    ResponseEntity<ToolResponse> update(
            @PathVariable String name,
            @org.springframework.web.bind.annotation.RequestBody ToolBody body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        ServerOwnedFields.refuseOnUpdate(body);
        Integer expected = Preconditions.expectedVersion(ifMatch, body.version());
        ToolDraft patch = body.toPatch();
        checkAuthors(body);
        Tool tool = editor.update(name, patch, expected, validator.actor(caller.principal(), patch.author(), reason));
        return withEtag(tool, revision);
    }

    @DeleteMapping("/{name}")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Delete a tool",
            description = "Removes it from every node; its versions stay, so a rollback can restore it."
                    + " If-Match makes it conditional.")
    @ApiResponse(responseCode = "200", description = "Deleted, with the revision")
    @ApiResponse(responseCode = "404", description = "No tool of that name")
    @ApiResponse(responseCode = "412", description = "If-Match names an older version")
    DeletedResponse delete(
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        Actor actor = validator.actor(caller.principal(), triggeredBy, reason);
        long deleted = editor.delete(name, Preconditions.parseIfMatch(ifMatch), actor);
        revision.committed(deleted);
        return new DeletedResponse(name, true, deleted);
    }

    @PatchMapping("/{name}/enable")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Enable a tool",
            description = "Its profiles appear in /profiles again. If-Match makes it conditional.")
    @ApiResponse(responseCode = "200", description = "Enabled; the new ETag")
    @ApiResponse(responseCode = "404", description = "No tool of that name")
    @ApiResponse(responseCode = "412", description = "If-Match names an older version")
    ResponseEntity<ToolResponse> enable(
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        return setEnabled(name, true, ifMatch, validator.actor(caller.principal(), triggeredBy, reason), revision);
    }

    @PatchMapping("/{name}/disable")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Disable a tool",
            description = "It stays in the catalog but leaves /profiles, so pipelines stop calling it."
                    + " If-Match makes it conditional.")
    @ApiResponse(responseCode = "200", description = "Disabled; the new ETag")
    @ApiResponse(responseCode = "404", description = "No tool of that name")
    @ApiResponse(responseCode = "412", description = "If-Match names an older version")
    ResponseEntity<ToolResponse> disable(
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        return setEnabled(name, false, ifMatch, validator.actor(caller.principal(), triggeredBy, reason), revision);
    }

    /** Answers the tool at the revision the editor names, which this node has applied. */
    private ResponseEntity<ToolResponse> setEnabled(
            String name, boolean enabled, String ifMatch, Actor actor, ResponseRevision revision) {
        CatalogEditor.Toggled toggled = editor.setEnabled(name, enabled, Preconditions.parseIfMatch(ifMatch), actor);
        revision.committed(toggled.revision());
        return ResponseEntity.ok().eTag(Preconditions.etagOf(toggled.tool())).body(ToolResponse.from(toggled.tool()));
    }

    /** Checked as the caller named them, before one of them becomes the change's author. */
    private void checkAuthors(ToolBody body) {
        validator.checkActor("created_by", body.createdBy());
        validator.checkActor("updated_by", body.updatedBy());
    }

    /** A mutation's answer: the tool as the revision that wrote it left it, and that revision in the header. */
    static ResponseEntity<ToolResponse> withEtag(Tool tool, ResponseRevision revision) {
        revision.committed(tool.revision());
        return ResponseEntity.ok().eTag(Preconditions.etagOf(tool)).body(ToolResponse.from(tool));
    }
}
