package io.toolcatalog.api.tool;

import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.CatalogEditor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolNotFoundException;
import io.toolcatalog.core.tool.ToolValidator;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and editing single tools. Reads come from the node's snapshot, never from the database. */
@RestController
@RequestMapping("/api/v1/tools")
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
    ToolListResponse list(
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset,
            ResponseRevision revision) {
        ToolQuery query = new ToolQuery(enabled, category, tag, q, limit, offset);
        CatalogSnapshot snapshot = revision.snapshot();
        List<Tool> matching = snapshot.tools().stream().filter(query).toList();
        List<ToolResponse> page = matching.stream()
                .skip(offset)
                .limit(limit)
                .map(ToolResponse::from)
                .toList();
        return new ToolListResponse(page, matching.size(), snapshot.revision());
    }

    @GetMapping(value = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> get(
            @PathVariable String name,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ResponseRevision revision) {
        Tool tool = revision.snapshot().tool(name).orElseThrow(() -> ToolNotFoundException.named(name));
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
    ResponseEntity<ToolResponse> create(
            @RequestBody ToolBody body,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
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
    ResponseEntity<ToolResponse> update(
            @PathVariable String name,
            @RequestBody ToolBody body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        Integer expected = Preconditions.expectedVersion(ifMatch, body.version());
        ToolDraft patch = body.toPatch();
        checkAuthors(body);
        Tool tool = editor.update(name, patch, expected, validator.actor(caller.principal(), patch.author(), reason));
        return withEtag(tool, revision);
    }

    @DeleteMapping("/{name}")
    @Requires(Role.EDITOR)
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

    /** {@code PATCH /tools/{name}/enable} and {@code /disable}. */
    @PatchMapping("/{name}/{toggle:enable|disable}")
    @Requires(Role.EDITOR)
    ResponseEntity<ToolResponse> toggle(
            @PathVariable String name,
            @PathVariable String toggle,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        Actor actor = validator.actor(caller.principal(), triggeredBy, reason);
        CatalogEditor.Toggled toggled =
                editor.setEnabled(name, toggle.equals("enable"), Preconditions.parseIfMatch(ifMatch), actor);
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
