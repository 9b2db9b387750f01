package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

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
                ? listContentProblem(body, history.catalogAt(own), own)
                : profilesContentProblem(body, history.catalogAt(own), own);
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
            return history.at(op.tool(), at)
                    .map(row -> "404, but at revision " + at + " the tool existed: " + describe(row))
                    .orElse(null);
        }
        JsonNode body = ToolDocuments.parse(op.body());
        return switch (op.kind()) {
            case GET_TOOL -> toolProblem(op.tool(), body, history.at(op.tool(), at), at);
            case LIST -> listProblem(body, history.catalogAt(at), at);
            case PROFILES -> profilesProblem(body, history.catalogAt(at), at);
            default -> null;
        };
    }

    private static String toolProblem(String name, JsonNode body, Optional<VersionRow> expected, long at) {
        ObjectNode shown = ToolDocuments.normalize(body);
        if (expected.isEmpty()) {
            return "shows version " + shown.get("version") + " (revision " + shown.get("revision")
                    + "), but at revision " + at + " " + name + " did not exist";
        }
        ObjectNode truth = ToolDocuments.normalize(expected.get().document());
        return truth.equals(shown)
                ? null
                : "at revision " + at + " the database had " + describe(expected.get()) + "; differs in "
                        + ToolDocuments.difference(shown, truth);
    }

    static String listProblem(JsonNode body, TreeMap<String, VersionRow> truth, long at) {
        if (body.path("revision").asLong(-1) != at) {
            return "body revision " + body.get("revision") + " under header " + at;
        }
        return listContentProblem(body, truth, at);
    }

    private static String listContentProblem(JsonNode body, TreeMap<String, VersionRow> truth, long at) {
        Map<String, ObjectNode> shown = new TreeMap<>();
        body.path("tools").forEach(t -> shown.put(t.path("name").asText(), ToolDocuments.normalize(t)));
        List<String> wrong = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(shown.keySet());
        names.addAll(truth.keySet());
        for (String name : names) {
            ObjectNode expected = truth.containsKey(name)
                    ? ToolDocuments.normalize(truth.get(name).document())
                    : null;
            ObjectNode actual = shown.get(name);
            if (expected == null) {
                wrong.add(name + " shown (version " + actual.get("version") + ") but absent");
            } else if (actual == null) {
                wrong.add(name + " missing (database: " + describe(truth.get(name)) + ")");
            } else if (!expected.equals(actual)) {
                wrong.add(name + " shown at version " + actual.get("version") + ", database "
                        + describe(truth.get(name)));
            }
        }
        if (body.path("total").asInt(-1) != truth.size()) {
            wrong.add("total " + body.get("total") + " but " + truth.size() + " tools");
        }
        return wrong.isEmpty() ? null : "at revision " + at + ": " + String.join("; ", wrong);
    }

    static String profilesProblem(JsonNode body, TreeMap<String, VersionRow> truth, long at) {
        if (body.path("revision").asLong(-1) != at) {
            return "body revision " + body.get("revision") + " under header " + at;
        }
        return profilesContentProblem(body, truth, at);
    }

    private static String profilesContentProblem(JsonNode body, TreeMap<String, VersionRow> truth, long at) {
        JsonNode shown = body.path("tools");
        List<String> wrong = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        shown.fieldNames().forEachRemaining(names::add);
        truth.forEach((name, row) -> {
            if (row.document().path("enabled").asBoolean()) {
                names.add(name);
            }
        });
        for (String name : names) {
            VersionRow row = truth.get(name);
            JsonNode expected = row != null && row.document().path("enabled").asBoolean()
                    ? row.document().get("profiles")
                    : null;
            JsonNode actual = shown.get(name);
            if (expected == null) {
                wrong.add(name + " shown but " + (row == null ? "absent" : "disabled at " + describe(row)));
            } else if (actual == null) {
                wrong.add(name + " missing (database: " + describe(row) + ")");
            } else if (!expected.equals(actual)) {
                wrong.add(name + " profiles differ from " + describe(row));
            }
        }
        return wrong.isEmpty() ? null : "at revision " + at + ": " + String.join("; ", wrong);
    }

    static String describe(VersionRow row) {
        return row.name() + " v" + row.version() + " (" + row.operation() + " at revision " + row.revision() + ")";
    }
}
