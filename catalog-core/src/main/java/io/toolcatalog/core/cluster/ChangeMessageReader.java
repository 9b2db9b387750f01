package io.toolcatalog.core.cluster;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a received {@link ChangeMessage}'s rows into {@link RevisionRows} a node may apply, after
 * validating them like any input: the message's identity (revision, reload id, origin, commit time,
 * the one revision before), every tool as a write is checked (name, limits, profiles that parse),
 * every removed name, no name twice. Whether the revision is one the database committed is the
 * reloader's check, not this one's.
 */
public final class ChangeMessageReader {

    private final ToolValidator validator;
    private final ToolJson json;

    public ChangeMessageReader(ToolValidator validator, ToolJson json) {
        this.validator = validator;
        this.json = json;
    }

    /**
     * The rows {@code message} carries, validated; null when it carries none (a doorbell). Throws
     * {@link InvalidToolException} naming the first field that is wrong.
     */
    public RevisionRows rows(ChangeMessage message) {
        if (!message.carriesRows()) {
            return null;
        }
        checkIdentity(message);
        int size = message.written().size() + message.removed().size();
        if (size == 0 || size > validator.limits().maxImportTools()) {
            throw InvalidToolException.field(
                    "written", size + " rows, not 1 to " + validator.limits().maxImportTools());
        }
        Set<String> names = new LinkedHashSet<>();
        List<Tool> written = new ArrayList<>(message.written().size());
        for (int i = 0; i < message.written().size(); i++) {
            Tool tool = checked("written[" + i + "].", message.written().get(i), message.revision());
            unique(names, "written[" + i + "].name", tool.name());
            written.add(tool);
        }
        for (int i = 0; i < message.removed().size(); i++) {
            String field = "removed[" + i + "]";
            unique(names, field, validator.checkName(field, message.removed().get(i)));
        }
        CommittedChange change = new CommittedChange(
                message.revision(),
                List.copyOf(names),
                message.operation(),
                message.trigger(),
                message.triggeredBy(),
                message.principal(),
                message.reason(),
                message.reloadId(),
                message.originNode(),
                message.committedAt(),
                message.changeRequestId());
        return new RevisionRows(change, message.fromRevision(), written, message.removed());
    }

    private void checkIdentity(ChangeMessage message) {
        if (message.revision() < 1 || message.fromRevision() != message.revision() - 1) {
            throw InvalidToolException.field("from_revision", "must be the revision before " + message.revision());
        }
        require("reload_id", message.reloadId());
        require("origin_node", message.originNode());
        require("committed_at", message.committedAt());
        require("trigger", message.trigger());
        require("operation", message.operation());
        validator.checkActor("origin_node", message.originNode());
        validator.checkActor("operation", message.operation());
        validator.checkActor("triggered_by", message.triggeredBy());
        validator.checkActor("principal", message.principal());
        validator.checkReason(message.reason());
    }

    private Tool checked(String prefix, CarriedTool row, long revision) {
        if (row == null) {
            throw InvalidToolException.field(prefix.substring(0, prefix.length() - 1), "is null");
        }
        Tool tool;
        try {
            tool = row.tool(json);
        } catch (RuntimeException e) {
            throw InvalidToolException.field(prefix + "tags", "must not hold null");
        }
        try {
            validator.checkNew(
                    prefix,
                    new ToolDraft(
                            tool.name(),
                            tool.description(),
                            tool.category(),
                            tool.tags(),
                            tool.enabled(),
                            tool.profiles(),
                            tool.inputSchema(),
                            tool.outputSchema(),
                            tool.updatedBy()));
        } catch (IllegalStateException e) {
            throw InvalidToolException.field(prefix + "profiles", "cannot be read as profiles");
        }
        validator.checkActor(prefix + "created_by", tool.createdBy());
        if (tool.version() < 1) {
            throw InvalidToolException.field(prefix + "version", "must be at least 1");
        }
        if (tool.revision() != revision) {
            throw InvalidToolException.field(prefix + "revision", "must be the message's revision " + revision);
        }
        require(prefix + "created_at", tool.createdAt());
        require(prefix + "updated_at", tool.updatedAt());
        return tool;
    }

    private static void unique(Set<String> names, String field, String name) {
        if (!names.add(name)) {
            throw InvalidToolException.field(field, "'" + name + "' appears more than once");
        }
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw InvalidToolException.field(field, "is required");
        }
    }
}
