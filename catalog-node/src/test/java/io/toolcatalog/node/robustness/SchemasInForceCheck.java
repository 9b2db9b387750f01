package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import io.toolcatalog.node.robustness.ChangeLogTap.LoggedChange;
import io.toolcatalog.node.robustness.DatabaseHistory.VersionRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * No tool at any revision breaks the profile schema in force at that revision. The workload's
 * schemas ({@link OpKind#SCHEMA_SET}) only bound {@code profiles.fast.timeout_ms}, and each carries
 * its limit in its reason, so the change log alone says which schema was in force when: a
 * {@code schema_set} row of profile {@code fast} sets the limit of its reason, a {@code schema_delete}
 * lifts it. At a schema change every tool then in the catalog must keep to the new limit; at any
 * other revision every version written there must keep to the limit in force. An acknowledged set
 * must be a {@code schema_set} in the change log at the revision it answered.
 */
final class SchemasInForceCheck implements HistoryCheck {

    static final String PATH = "/api/v1/schemas/profiles/fast";
    static final String REASON = "checker-max-";

    @Override
    public String property() {
        return "no tool at any revision breaks the profile schema in force at that revision";
    }

    @Override
    public List<Violation> check(List<Operation> operations, DatabaseHistory history) {
        List<Violation> violations = new ArrayList<>();
        Long limit = null;
        for (LoggedChange change : history.changes().values()) {
            long revision = change.revision();
            boolean schemaChange = change.operation().startsWith("schema_");
            if (schemaChange) {
                limit = limitAfter(change, limit);
            }
            Collection<VersionRow> rows =
                    schemaChange ? history.catalogAt(revision).values() : history.writtenAt(revision);
            for (VersionRow row : rows) {
                String broken = broken(row, limit);
                if (broken != null) {
                    violations.add(new Violation(property(), null, "revision " + revision + ": " + broken));
                }
            }
        }
        for (Operation op : operations) {
            if (op.kind() == OpKind.SCHEMA_SET && op.ok()) {
                long at = ToolDocuments.parse(op.body()).path("revision").asLong();
                Optional<LoggedChange> change = history.change(at);
                if (change.isEmpty() || !change.get().operation().equals("schema_set")) {
                    violations.add(new Violation(
                            property(),
                            op,
                            "answered revision " + at + " is no schema_set in catalog_changes: "
                                    + change.orElse(null)));
                }
            }
        }
        return violations;
    }

    /** The limit after {@code change}: a set of profile {@code fast} by the workload sets it, a delete lifts it. */
    private static Long limitAfter(LoggedChange change, Long limit) {
        String reason = change.reason() == null ? "" : change.reason();
        if (change.operation().equals("schema_set") && reason.startsWith(REASON)) {
            return Long.parseLong(reason.substring(REASON.length()));
        }
        if (change.operation().equals("schema_delete") && reason.contains("profile fast ")) {
            return null;
        }
        return limit;
    }

    private static String broken(VersionRow row, Long limit) {
        if (limit == null || row.deleted()) {
            return null;
        }
        JsonNode timeout = row.document().path("profiles").path("fast").path("timeout_ms");
        if (timeout.isNumber() && timeout.asLong() > limit) {
            return row.name() + " v" + row.version() + " has profiles.fast.timeout_ms " + timeout.asLong()
                    + ", above the maximum " + limit + " in force";
        }
        return null;
    }
}
