package io.toolcatalog.core.write;

import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An import's tools against the profile schemas of its revision, read once (under the revision
 * row lock) for all of them; a failure names the tool's place in the file
 * ({@code tools[3].profiles.stage_b.timeout_ms}).
 */
final class ImportedSchemaCheck {

    private final ToolValidator validator;
    private final ProfileSchemas schemas;
    private final Map<String, Integer> positions = new HashMap<>();

    ImportedSchemaCheck(ToolValidator validator, List<ToolDraft> drafts) {
        this.validator = validator;
        this.schemas = validator.schemasInForce();
        for (int i = 0; i < drafts.size(); i++) {
            positions.put(drafts.get(i).name(), i);
        }
    }

    /** A dry run: the tools {@code plan} would write, against the schemas in force now. */
    void checkPlan(ImportPlan plan) {
        for (ToolDraft draft : plan.creates) {
            checked(Tool.created(draft, 1, 0, Instant.EPOCH, "dry-run"));
        }
        plan.updates.forEach((current, draft) -> checked(current.withContent(draft)));
    }

    Tool checked(Tool tool) {
        validator.checkSchemas("tools[" + positions.get(tool.name()) + "].", tool, schemas);
        return tool;
    }
}
