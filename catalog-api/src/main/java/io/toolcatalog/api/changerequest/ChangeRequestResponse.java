package io.toolcatalog.api.changerequest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import java.util.List;
import java.util.Map;

/**
 * A change request as the API shows it: the request's own fields, the approvals its content needs
 * now, its items with their bases, and the approvals of its content.
 */
record ChangeRequestResponse(
        @JsonUnwrapped @JsonIgnoreProperties({"items", "approvals"}) ChangeRequest request,
        int requiredApprovals,
        List<Item> items,
        List<ChangeRequest.Approval> approvals) {

    /** Writes a staged draft as the API names its fields, leaving out what the draft leaves as it is. */
    private static final ObjectMapper STAGED_FIELDS = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {};

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String name, String action, Integer baseVersion, Map<String, Object> tool) {}

    record ChangeRequestPage(List<ChangeRequestResponse> changeRequests) {}

    record Events(List<ChangeRequest.StateEvent> events) {}

    /** {@code request} with the approvals its content needs now. */
    static ChangeRequestResponse from(ChangeRequest request, ChangeRequestCore changes) {
        return new ChangeRequestResponse(
                request,
                changes.requiredApprovals(request),
                request.items().stream().map(ChangeRequestResponse::item).toList(),
                request.approvals());
    }

    private static Item item(StagedEdit edit) {
        return new Item(edit.name(), edit.action().value(), edit.baseVersion(), tool(edit.draft()));
    }

    /**
     * The staged fields only: a field left out is left as it is; a schema staged as JSON null is
     * shown as null (it removes the schema). The draft's author is the API's {@code updated_by}.
     */
    private static Map<String, Object> tool(ToolDraft draft) {
        if (draft == null) {
            return null;
        }
        Map<String, Object> fields = STAGED_FIELDS.convertValue(draft, FIELDS);
        Object author = fields.remove("author");
        if (author != null) {
            fields.put("updated_by", author);
        }
        return fields;
    }
}
