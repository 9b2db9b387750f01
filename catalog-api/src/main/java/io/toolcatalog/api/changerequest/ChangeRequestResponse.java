package io.toolcatalog.api.changerequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.ChangeRequestState;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A change request as the API shows it: its state, its items with their bases, and the approvals of its content. */
record ChangeRequestResponse(
        long id,
        String title,
        String description,
        ChangeRequestState state,
        String author,
        long baseRevision,
        String contentHash,
        Instant publishAt,
        Long publishedRevision,
        String failureReason,
        Instant createdAt,
        Instant updatedAt,
        int requiredApprovals,
        List<Item> items,
        List<ChangeRequest.Approval> approvals) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String name, String action, Integer baseVersion, Map<String, Object> tool) {}

    record Page(List<ChangeRequestResponse> changeRequests) {}

    record Events(List<ChangeRequest.Event> events) {}

    /** {@code request} with the approvals its content needs now. */
    static ChangeRequestResponse from(ChangeRequest request, ChangeRequestCore changes) {
        return new ChangeRequestResponse(
                request.id(),
                request.title(),
                request.description(),
                request.state(),
                request.author(),
                request.baseRevision(),
                request.contentHash(),
                request.publishAt(),
                request.publishedRevision(),
                request.failureReason(),
                request.createdAt(),
                request.updatedAt(),
                changes.requiredApprovals(request),
                request.items().stream().map(ChangeRequestResponse::item).toList(),
                request.approvals());
    }

    private static Item item(StagedEdit edit) {
        return new Item(edit.name(), edit.action().value(), edit.baseVersion(), tool(edit.draft()));
    }

    /** The staged fields only: a field left out is left as it is. */
    private static Map<String, Object> tool(ToolDraft draft) {
        if (draft == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, "name", draft.name());
        put(fields, "description", draft.description());
        put(fields, "category", draft.category());
        put(fields, "tags", draft.tags());
        put(fields, "enabled", draft.enabled());
        put(fields, "profiles", draft.profiles());
        put(fields, "updated_by", draft.author());
        return fields;
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
