package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every acknowledged (2xx) write is in the database's history at the revision it reported, with the
 * content it answered and the content that was sent; its revision header is not below that
 * revision.
 */
final class AcknowledgedWritesCheck implements HistoryCheck {

    @Override
    public String property() {
        return "acknowledged writes are in the history at their revision";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (!op.kind().isWrite() || !op.ok() || op.kind() == OpKind.REVERT || op.kind() == OpKind.SCHEMA_SET) {
                continue; // reverts and schema changes have checks of their own (RevertsCheck, SchemasInForceCheck)
            }
            JsonNode body = ToolDocuments.parse(op.body());
            String problem;
            if (op.kind().answersWithTool()) {
                problem = toolWrite(op, body, history);
            } else if (op.kind() == OpKind.CR_PUBLISH) {
                problem = changeRequestWrite(op, body, history);
            } else if (op.kind() == OpKind.DELETE) {
                problem = deletion(op, body, history);
            } else {
                problem = importWrite(op, body, history);
            }
            if (problem != null) {
                violations.add(new Violation(property(), op, problem));
            }
        }
        return violations;
    }

    private static String toolWrite(Operation op, JsonNode body, DatabaseHistory history) {
        ObjectNode answered = ToolDocuments.normalize(body);
        long revision = body.path("revision").asLong();
        Optional<VersionRow> row =
                history.version(op.tool(), body.path("version").asInt());
        if (row.isEmpty()) {
            return "answered version " + body.get("version") + " at revision " + revision
                    + ", which is not in tool_versions";
        }
        if (!ToolDocuments.normalize(row.get().document()).equals(answered)) {
            return "answered differs from tool_versions " + ReadsMatchHistoryCheck.describe(row.get()) + ": "
                    + ToolDocuments.difference(
                            answered, ToolDocuments.normalize(row.get().document()));
        }
        String expected = op.kind().name().toLowerCase();
        if (!row.get().operation().equals(expected)) {
            boolean unchangedToggle = (op.kind() == OpKind.ENABLE || op.kind() == OpKind.DISABLE)
                    && body.path("enabled").asBoolean() == (op.kind() == OpKind.ENABLE);
            return unchangedToggle
                    ? null
                    : "answered " + ReadsMatchHistoryCheck.describe(row.get()) + " for a " + expected;
        }
        String sent = sentContentProblem(op, body);
        if (sent != null) {
            return sent;
        }
        return committedProblem(op, revision, Set.of(op.tool()), history);
    }

    /** A create stores what was sent; an update changes what was sent. */
    private static String sentContentProblem(Operation op, JsonNode body) {
        if (op.requestBody() == null) {
            return null;
        }
        JsonNode sent = ToolDocuments.parse(op.requestBody());
        List<String> wrong = new ArrayList<>();
        sent.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !sent.get(field).equals(body.get(field))) {
                wrong.add(field + " sent " + sent.get(field) + ", answered " + body.get(field));
            }
        });
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static String deletion(Operation op, JsonNode body, DatabaseHistory history) {
        long revision = body.path("revision").asLong();
        boolean recorded =
                history.writtenAt(revision).stream().anyMatch(r -> r.name().equals(op.tool()) && r.deleted());
        if (!recorded) {
            return "answered deleted at revision " + revision + ", but tool_versions has no deletion of " + op.tool()
                    + " there";
        }
        return committedProblem(op, revision, Set.of(op.tool()), history);
    }

    private static String importWrite(Operation op, JsonNode body, DatabaseHistory history) {
        long revision = body.path("revision").asLong();
        int written = body.path("created").asInt()
                + body.path("updated").asInt()
                + body.path("deleted").asInt();
        JsonNode sent = ToolDocuments.parse(op.requestBody()).path("tools");
        Set<String> sentNames = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode tool : sent) {
            String name = tool.path("name").asText();
            sentNames.add(name);
            Optional<VersionRow> row = history.at(name, revision);
            if (row.isEmpty()) {
                wrong.add(name + " absent at revision " + revision);
            } else if (!ToolDocuments.content(row.get().document()).equals(ToolDocuments.content(tool))) {
                wrong.add(name + " at revision " + revision + " is " + ReadsMatchHistoryCheck.describe(row.get())
                        + ", not what was imported: "
                        + ToolDocuments.difference(
                                ToolDocuments.content(tool),
                                ToolDocuments.content(row.get().document())));
            }
        }
        if (op.kind() == OpKind.IMPORT_REPLACE
                && !history.catalogAt(revision).keySet().equals(sentNames)) {
            wrong.add("replace left " + history.catalogAt(revision).keySet() + " at revision " + revision
                    + ", imported " + sentNames);
        }
        if (written > 0) {
            List<VersionRow> rows = history.writtenAt(revision);
            if (rows.size() != written) {
                wrong.add("answered " + written + " tools written, tool_versions has " + rows.size() + " at revision "
                        + revision);
            }
            Set<String> names = new TreeSet<>();
            rows.forEach(r -> names.add(r.name()));
            String committed = committedProblem(op, revision, names, history);
            if (committed != null) {
                wrong.add(committed);
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /**
     * A published change request: its items, and only they, were written at its published revision,
     * each as the file it was opened from has it (tools the file matched were no item, and others may
     * have changed them since).
     */
    private static String changeRequestWrite(Operation op, JsonNode body, DatabaseHistory history) {
        long revision = body.path("published_revision").asLong();
        Map<String, JsonNode> sent = new java.util.HashMap<>();
        ToolDocuments.parse(op.requestBody())
                .path("tools")
                .forEach(t -> sent.put(t.path("name").asText(), t));
        Set<String> items = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            String name = item.path("name").asText();
            items.add(name);
            Optional<VersionRow> row = history.at(name, revision);
            if (row.isEmpty() || !sent.containsKey(name)) {
                wrong.add(name + " absent at revision " + revision + " or not in the file");
            } else if (!ToolDocuments.content(row.get().document()).equals(ToolDocuments.content(sent.get(name)))) {
                wrong.add(name + " at revision " + revision + " is not what was staged: "
                        + ToolDocuments.difference(
                                ToolDocuments.content(sent.get(name)),
                                ToolDocuments.content(row.get().document())));
            }
        }
        Set<String> written = new TreeSet<>();
        history.writtenAt(revision).forEach(r -> written.add(r.name()));
        if (!written.equals(items)) {
            wrong.add("revision " + revision + " wrote " + written + ", the request's items are " + items);
        }
        String committed = committedProblem(op, revision, items, history);
        if (committed != null) {
            wrong.add(committed);
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    /** The change log names what the revision wrote, and (when asked) the answer's header is not below it. */
    private static String committedProblem(Operation op, long revision, Set<String> names, DatabaseHistory history) {
        Optional<LoggedChange> change = history.change(revision);
        if (change.isEmpty()) {
            return "catalog_changes has no revision " + revision;
        }
        if (!change.get().names().containsAll(names)) {
            return "catalog_changes at revision " + revision + " names "
                    + change.get().names() + ", not " + names;
        }
        if (op.revision() == null || op.revision() < revision) {
            return "revision header " + op.revision() + " is below the revision " + revision + " it committed";
        }
        return null;
    }
}
