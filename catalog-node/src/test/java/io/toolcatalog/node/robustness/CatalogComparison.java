package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Compares tools someone shows (a list body, a watcher's state, a client's) with what the history
 * allows for each name: one of its {@link DatabaseHistory#choices}, in the shape they are shown in.
 */
final class CatalogComparison {

    private CatalogComparison() {}

    /** The one tool: null when {@code shown} (null: absent) is one of {@code choices}, else what is wrong. */
    static String problem(String name, JsonNode shown, List<VersionRow> choices, UnaryOperator<JsonNode> shape) {
        if (choices.isEmpty()) {
            return shown == null ? null : name + " shown (version " + shown.get("version") + ") but absent";
        }
        if (shown == null) {
            return name + " missing (database: " + describe(choices) + ")";
        }
        for (VersionRow row : choices) {
            if (shape.apply(row.document()).equals(shown)) {
                return null;
            }
        }
        JsonNode expected = shape.apply(choices.get(choices.size() - 1).document());
        return name + " shown at version " + shown.get("version") + ", database " + describe(choices) + "; differs in "
                + ToolDocuments.difference(shown, expected);
    }

    /** Every name either side has: the problems, empty when {@code shown} is allowed whole. */
    static List<String> problems(
            Map<String, JsonNode> shown, Map<String, List<VersionRow>> truth, UnaryOperator<JsonNode> shape) {
        TreeSet<String> names = new TreeSet<>(shown.keySet());
        names.addAll(truth.keySet());
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            String problem = problem(name, shown.get(name), truth.getOrDefault(name, List.of()), shape);
            if (problem != null) {
                wrong.add(problem);
            }
        }
        return wrong;
    }

    static String describe(List<VersionRow> choices) {
        List<String> all = new ArrayList<>();
        choices.forEach(row -> all.add(ReadsMatchHistoryCheck.describe(row)));
        return String.join(" or ", all);
    }
}
