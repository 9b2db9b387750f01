package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Turns a received {@link ChangeMessage}'s rows into {@link RevisionRows} a node may apply, after
 * validating them like any input: the message's identity (revision, reload id, origin, commit time,
 * the one revision before), every tool as a write is checked (name, limits, profiles that parse),
 * every removed name, no name twice, and the rollouts that come with a rollout's move (each field,
 * each candidate as a carried tool, labels as a cohort's). Whether the revision is one the database
 * committed is the reloader's check, not this one's.
 */
public final class ChangeMessageReader {

    private final ToolValidator validator;
    private final ToolJson json;

    public ChangeMessageReader(ToolValidator validator, ToolJson json) {
        this.validator = validator;
        this.json = json;
    }

    /** {@link #rows(ChangeMessage, LongFunction)} for a node that holds no rollout. */
    public RevisionRows rows(ChangeMessage message) {
        return rows(message, id -> null);
    }

    /**
     * The rows {@code message} carries, validated; null when it carries none (a doorbell), or when
     * it leaves out the candidates of a rollout that {@code held} (the rollouts this node holds, by
     * id) does not know. Throws {@link InvalidToolException} naming the first field that is wrong.
     */
    public RevisionRows rows(ChangeMessage message, LongFunction<ActiveRollout> held) {
        if (!message.carriesRows() || fromABuildWithoutAField(message)) {
            return null;
        }
        checkIdentity(message);
        int size = message.written().size() + message.removed().size();
        if (size == 0 || size > validator.limits().maxImportTools()) {
            throw InvalidToolException.field(
                    "written", size + " rows, not 1 to " + validator.limits().maxImportTools());
        }
        // A rollout move may carry rows older than it: the tools it holds, as they stand.
        boolean move = message.rollouts() != null;
        Set<String> names = new LinkedHashSet<>();
        List<Tool> written = new ArrayList<>(message.written().size());
        for (int i = 0; i < message.written().size(); i++) {
            Tool tool = checked("written[" + i + "].", message.written().get(i), message.revision(), move);
            unique(names, "written[" + i + "].name", tool.name());
            written.add(tool);
        }
        removedNames("removed", message.removed(), names);
        List<ActiveRollout> rollouts = move ? rollouts(message, held) : null;
        if (move && rollouts == null) {
            return null;
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
        return new RevisionRows(change, message.fromRevision(), written, message.removed(), rollouts);
    }

    /**
     * Whether a row lacks a field this build's tools have (a build before it sent the message, during
     * the rolling deploy that adds the field): the message is then a doorbell, and the node reads the
     * rows, with the field, from PostgreSQL. A field this build does not know is ignored.
     */
    private boolean fromABuildWithoutAField(ChangeMessage message) {
        List<CarriedTool> rows = new ArrayList<>(message.written());
        if (message.rollouts() != null) {
            for (CarriedRollout rollout : message.rollouts()) {
                if (rollout != null && rollout.candidates() != null) {
                    rows.addAll(rollout.candidates());
                }
            }
        }
        return rows.stream().anyMatch(row -> row != null && row.lacksAField(json));
    }

    /** The carried rollouts; null when one leaves out candidates that {@code held} does not know. */
    private List<ActiveRollout> rollouts(ChangeMessage message, LongFunction<ActiveRollout> held) {
        List<ActiveRollout> rollouts = new ArrayList<>(message.rollouts().size());
        Set<Long> ids = new HashSet<>();
        int heldInAll = 0;
        for (int i = 0; i < message.rollouts().size(); i++) {
            String prefix = "rollouts[" + i + "].";
            CarriedRollout r = message.rollouts().get(i);
            if (r == null) {
                throw InvalidToolException.field("rollouts[" + i + "]", "is null");
            }
            if (r.id() < 1 || !ids.add(r.id())) {
                throw InvalidToolException.field(prefix + "id", "must be a positive id, once");
            }
            if (r.changeRequestId() < 1) {
                throw InvalidToolException.field(prefix + "change_request_id", "must be a positive id");
            }
            if (r.step() < 0) {
                throw InvalidToolException.field(prefix + "step", "must not be negative");
            }
            if (!(r.percent() >= 0 && r.percent() <= 100)) {
                throw InvalidToolException.field(prefix + "percent", "must be from 0 to 100");
            }
            if (r.revision() < 1 || r.revision() > message.revision()) {
                throw InvalidToolException.field(prefix + "revision", "must be at most the message's revision");
            }
            require(prefix + "labels", r.labels());
            try {
                ConsumerIdentity.requireValidLabels(r.labels(), prefix + "labels");
            } catch (IllegalArgumentException e) {
                throw InvalidToolException.field(prefix + "labels", e.getMessage());
            }
            Map<String, Tool> served;
            Set<String> removed;
            if (r.candidatesKnown()) {
                ActiveRollout known = held.apply(r.id());
                if (known == null) {
                    return null;
                }
                if (known.changeRequestId() != r.changeRequestId()) {
                    throw InvalidToolException.field(
                            prefix + "change_request_id", "is not the one rollout " + r.id() + " started with");
                }
                served = known.candidates();
                removed = known.removed();
            } else {
                require(prefix + "candidates", r.candidates());
                require(prefix + "removed", r.removed());
                heldInAll += r.candidates().size() + r.removed().size();
                if (heldInAll > validator.limits().maxImportTools()) {
                    throw InvalidToolException.field(
                            prefix + "candidates",
                            "more than " + validator.limits().maxImportTools() + " in all");
                }
                Set<String> names = new HashSet<>();
                served = candidates(prefix, r.candidates(), message.revision(), names);
                removedNames(prefix + "removed", r.removed(), names);
                removed = Set.copyOf(r.removed());
            }
            rollouts.add(new ActiveRollout(
                    r.id(),
                    r.changeRequestId(),
                    r.paused(),
                    r.step(),
                    r.percent(),
                    r.labels(),
                    served,
                    removed,
                    r.revision()));
        }
        return rollouts;
    }

    /** Each candidate checked as a carried row (of the revision or before) and parsed as a reader would. */
    private Map<String, Tool> candidates(String prefix, List<CarriedTool> rows, long revision, Set<String> held) {
        Map<String, Tool> served = new HashMap<>();
        for (int j = 0; j < rows.size(); j++) {
            String candidate = prefix + "candidates[" + j + "].";
            Tool tool = checked(candidate, rows.get(j), revision, true);
            unique(held, candidate + "name", tool.name());
            try {
                tool.requireReadable(null);
            } catch (RuntimeException e) {
                throw InvalidToolException.field(candidate + "profiles", "cannot be served");
            }
            served.put(tool.name(), tool);
        }
        return served;
    }

    private void removedNames(String field, List<String> removed, Set<String> names) {
        for (int i = 0; i < removed.size(); i++) {
            String item = field + "[" + i + "]";
            unique(names, item, validator.checkName(item, removed.get(i)));
        }
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

    /** A carried row, written by the message's revision ({@code older}: or by one before it). */
    private Tool checked(String prefix, CarriedTool row, long revision, boolean older) {
        if (row == null) {
            throw InvalidToolException.field(prefix.substring(0, prefix.length() - 1), "is null");
        }
        Tool tool;
        try {
            tool = row.tool(json);
        } catch (IllegalArgumentException e) {
            throw unreadable(prefix, e);
        } catch (IllegalStateException e) {
            throw InvalidToolException.field(prefix + "profiles", "cannot be read as profiles");
        }
        try {
            validator.checkNew(prefix, ToolDraft.of(tool, tool.updatedBy()));
        } catch (IllegalStateException e) {
            throw InvalidToolException.field(prefix + "profiles", "cannot be read as profiles");
        }
        validator.checkActor(prefix + "created_by", tool.createdBy());
        if (tool.version() < 1) {
            throw InvalidToolException.field(prefix + "version", "must be at least 1");
        }
        if (older ? tool.revision() < 1 || tool.revision() > revision : tool.revision() != revision) {
            throw InvalidToolException.field(
                    prefix + "revision",
                    (older ? "must be at most" : "must be") + " the message's revision " + revision);
        }
        require(prefix + "created_at", tool.createdAt());
        require(prefix + "updated_at", tool.updatedAt());
        return tool;
    }

    /**
     * A row that is not a tool: the field a value of the wrong kind is in, else the one way a tool
     * refuses to be built (a tag that is null).
     */
    private static InvalidToolException unreadable(String prefix, IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException m
                && !(m instanceof ValueInstantiationException)
                && !m.getPath().isEmpty()
                && m.getPath().get(0).getFieldName() != null) {
            return InvalidToolException.field(prefix + m.getPath().get(0).getFieldName(), "cannot be read");
        }
        return InvalidToolException.field(prefix + "tags", "must not hold null");
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
