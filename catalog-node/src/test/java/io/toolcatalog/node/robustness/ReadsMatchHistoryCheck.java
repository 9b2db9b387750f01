package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A read's body is the database's state at the revision its header names: {@code GET /tools/{name}}
 * the tool's latest version at or before it (404 exactly when it did not exist then),
 * {@code GET /tools} and {@code GET /profiles} every tool as of it, with their {@code revision}
 * field equal to the header. A header past the database's revision is a revision never committed.
 */
final class ReadsMatchHistoryCheck implements HistoryCheck {

    static final String OLDER = "read body is from a revision before its header";
    static final String SNAPSHOT_WRONG =
            "a node's snapshot differs from the database at its own revision (changes skipped)";

    @Override
    public String property() {
        return "read bodies equal the database at their revision header";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (!op.kind().isRead() || !(op.ok() || (op.kind() == OpKind.GET_TOOL && op.status() == 404))) {
                continue;
            }
            String problem = problemOf(op, history);
            if (problem != null) {
                violations.add(classify(op, problem, history));
            }
        }
        return violations;
    }

    /**
     * Tells apart the two ways a list or profiles body can be wrong, by the {@code revision} field
     * the body carries (the revision of the snapshot it was rendered from): a body true to its own
     * revision but older than the header (header and body taken at different moments), and a body
     * whose content is not the database's state at its own revision (the node's snapshot skipped a
     * change). A single tool's body carries no catalog revision, so it is not classified.
     */
    private Violation classify(Operation op, String problem, DatabaseHistory history) {
        if (op.status() != 200 || op.kind() == OpKind.GET_TOOL || op.revision() == null) {
            return new Violation(property(), op, problem);
        }
        JsonNode body = ToolDocuments.parse(op.body());
        long own = body.path("revision").asLong(-1);
        if (own < 0 || own > history.revision()) {
            return new Violation(property(), op, problem);
        }
        String ownProblem = op.kind() == OpKind.LIST
                ? listContentProblem(body, history.choicesAt(own), own)
                : profilesContentProblem(body, history.choicesAt(own), own);
        if (ownProblem != null) {
            return new Violation(
                    SNAPSHOT_WRONG, op, "body revision " + own + ", header " + op.revision() + "; " + ownProblem);
        }
        return own < op.revision()
                ? new Violation(OLDER, op, problem + " (the body is true to revision " + own + ")")
                : new Violation(property(), op, problem);
    }

    private String problemOf(Operation op, DatabaseHistory history) {
        if (op.revision() == null) {
            return "no X-Catalog-Revision header";
        }
        long at = op.revision();
        if (at > history.revision()) {
            return "header " + at + " is past the database's revision " + history.revision();
        }
        if (op.status() == 404) {
            List<VersionRow> choices = history.choices(op.tool(), at);
            return choices.isEmpty()
                    ? null
                    : "404, but at revision " + at + " the tool existed: " + CatalogComparison.describe(choices);
        }
        JsonNode body = ToolDocuments.parse(op.body());
        return switch (op.kind()) {
            case GET_TOOL -> toolProblem(op.tool(), body, history.choices(op.tool(), at), at);
            case LIST -> listProblem(body, history.choicesAt(at), at);
            case PROFILES -> profilesProblem(body, history.choicesAt(at), at);
            default -> null;
        };
    }

    private static String toolProblem(String name, JsonNode body, List<VersionRow> choices, long at) {
        ObjectNode shown = ToolDocuments.normalize(body);
        if (choices.isEmpty()) {
            return "shows version " + shown.get("version") + " (revision " + shown.get("revision")
                    + "), but at revision " + at + " " + name + " did not exist";
        }
        String problem = CatalogComparison.problem(name, shown, choices, ToolDocuments::normalize);
        return problem == null ? null : "at revision " + at + ": " + problem;
    }

    static String listProblem(JsonNode body, TreeMap<String, List<VersionRow>> truth, long at) {
        if (body.path("revision").asLong(-1) != at) {
            return "body revision " + body.get("revision") + " under header " + at;
        }
        return listContentProblem(body, truth, at);
    }

    private static String listContentProblem(JsonNode body, TreeMap<String, List<VersionRow>> truth, long at) {
        Map<String, JsonNode> shown = new TreeMap<>();
        body.path("tools").forEach(t -> shown.put(t.path("name").asText(), ToolDocuments.normalize(t)));
        List<String> wrong = new ArrayList<>(CatalogComparison.problems(shown, truth, ToolDocuments::normalize));
        if (body.path("total").asInt(-1) != truth.size()) {
            wrong.add("total " + body.get("total") + " but " + truth.size() + " tools");
        }
        return wrong.isEmpty() ? null : "at revision " + at + ": " + String.join("; ", wrong);
    }

    static String profilesProblem(JsonNode body, TreeMap<String, List<VersionRow>> truth, long at) {
        if (body.path("revision").asLong(-1) != at) {
            return "body revision " + body.get("revision") + " under header " + at;
        }
        return profilesContentProblem(body, truth, at);
    }

    /** {@code /profiles} shows enabled tools only, each as its profiles object. */
    private static String profilesContentProblem(JsonNode body, TreeMap<String, List<VersionRow>> truth, long at) {
        Map<String, JsonNode> shown = new TreeMap<>();
        body.path("tools").fields().forEachRemaining(e -> shown.put(e.getKey(), e.getValue()));
        Map<String, List<VersionRow>> enabled = new TreeMap<>();
        truth.forEach((name, choices) -> {
            List<VersionRow> on = choices.stream()
                    .filter(row -> row.document().path("enabled").asBoolean())
                    .toList();
            if (!on.isEmpty()) {
                enabled.put(name, on);
            }
        });
        List<String> wrong = CatalogComparison.problems(shown, enabled, doc -> doc.get("profiles"));
        return wrong.isEmpty() ? null : "at revision " + at + ": " + String.join("; ", wrong);
    }

    static String describe(VersionRow row) {
        return row.name() + " v" + row.version() + " (" + row.operation() + " at revision " + row.revision() + ")";
    }
}
