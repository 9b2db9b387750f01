package io.toolcatalog.core.write;

import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import will do to the stored tools: which to create, which to replace (with the draft
 * that replaces them), which to delete (mode {@code replace}), and how many are already as imported.
 */
final class ImportPlan {

    final List<ToolDraft> creates = new ArrayList<>();
    final Map<Tool, ToolDraft> updates = new HashMap<>();
    final List<Tool> deletes = new ArrayList<>();
    int unchanged;

    /** The plan against the stored tools the import touches (every stored tool for {@code replace}). */
    static ImportPlan of(List<ToolDraft> drafts, ImportMode mode, ToolStore tools) {
        return of(drafts, mode, existing(drafts, mode, tools));
    }

    private static Map<String, Tool> existing(List<ToolDraft> drafts, ImportMode mode, ToolStore tools) {
        List<Tool> rows = mode == ImportMode.REPLACE
                ? tools.findAll()
                : tools.findNamed(drafts.stream().map(ToolDraft::name).toList());
        Map<String, Tool> byName = new HashMap<>();
        rows.forEach(t -> byName.put(t.name(), t));
        return byName;
    }

    static ImportPlan of(List<ToolDraft> drafts, ImportMode mode, Map<String, Tool> existing) {
        ImportPlan plan = new ImportPlan();
        Set<String> imported = new HashSet<>();
        for (ToolDraft draft : drafts) {
            imported.add(draft.name());
            Tool current = existing.get(draft.name());
            if (current == null) {
                plan.creates.add(draft);
            } else if (current.sameContentAs(current.withContent(draft.withDefaults()))) {
                plan.unchanged++;
            } else {
                plan.updates.put(current, draft.withDefaults());
            }
        }
        if (mode == ImportMode.REPLACE) {
            existing.values().stream().filter(t -> !imported.contains(t.name())).forEach(plan.deletes::add);
        }
        return plan;
    }

    ImportResult result(int imported, long revision, boolean dryRun) {
        return new ImportResult(imported, creates.size(), updates.size(), deletes.size(), unchanged, revision, dryRun);
    }
}
