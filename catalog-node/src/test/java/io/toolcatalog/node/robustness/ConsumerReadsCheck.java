package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import io.toolcatalog.node.robustness.RolloutHistory.ExpectedView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every read a consumer made over HTTP answers, at the revision its {@code X-Catalog-Revision}
 * names, exactly the view the database prescribes for that consumer there: {@code X-Catalog-View}
 * is the view's name, {@code GET /tools/{name}} the tool as that view has it (404 exactly when the
 * view has none), {@code GET /tools} every tool of the view with {@code revision} equal to the header.
 */
final class ConsumerReadsCheck {

    static final String PROPERTY = "consumer reads answer their view of the database at their revision";

    private ConsumerReadsCheck() {}

    static List<Violation> check(List<ConsumerReader.Read> reads, DatabaseHistory history, RolloutHistory rollouts) {
        List<Violation> violations = new ArrayList<>();
        Map<Long, TreeMap<String, List<VersionRow>>> tools = new HashMap<>();
        for (ConsumerReader.Read read : reads) {
            if (read.status() != 200 && !(read.tool() != null && read.status() == 404)) {
                continue; // 503s and the like: ServerErrorCheck's business
            }
            ConsumerIdentity consumer = ViewSampler.CONSUMERS.get(read.consumer());
            String problem;
            if (read.revision() == null || read.revision() > history.revision()) {
                problem = "revision header " + read.revision() + ", database at " + history.revision();
            } else {
                ExpectedView expected = rollouts.viewAt(
                        read.revision(),
                        consumer.id(),
                        consumer.labels(),
                        tools.computeIfAbsent(read.revision(), history::choicesAt));
                problem = problem(read, expected);
            }
            if (problem != null) {
                violations.add(Violation.at(
                        PROPERTY,
                        read.atMs(),
                        RolloutViewsCheck.describe(consumer) + " on " + read.node() + " GET "
                                + (read.tool() == null ? "/tools" : "/tools/" + read.tool()) + " at revision "
                                + read.revision() + ": " + problem));
            }
        }
        return violations;
    }

    static String problem(ConsumerReader.Read read, ExpectedView expected) {
        if (!expected.name().equals(read.view())) {
            return "X-Catalog-View " + read.view() + ", expected " + expected.name();
        }
        if (read.tool() != null) {
            List<VersionRow> choices = expected.tools().getOrDefault(read.tool(), List.of());
            JsonNode shown = read.status() == 404 ? null : ToolDocuments.normalize(ToolDocuments.parse(read.body()));
            return CatalogComparison.problem(read.tool(), shown, choices, ToolDocuments::normalize);
        }
        JsonNode body = ToolDocuments.parse(read.body());
        if (body.path("revision").asLong(-1) != read.revision()) {
            return "body revision " + body.get("revision") + " under header " + read.revision();
        }
        Map<String, JsonNode> shown = new TreeMap<>();
        body.path("tools").forEach(t -> shown.put(t.path("name").asText(), ToolDocuments.normalize(t)));
        List<String> wrong =
                new ArrayList<>(CatalogComparison.problems(shown, expected.tools(), ToolDocuments::normalize));
        if (body.path("total").asInt(-1) != expected.tools().size()) {
            wrong.add("total " + body.get("total") + " but " + expected.tools().size() + " tools");
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }
}
