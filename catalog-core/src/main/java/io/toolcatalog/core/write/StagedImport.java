package io.toolcatalog.core.write;

import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ToolDraft;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An import file as staged edits instead of a write: what importing it would change in the catalog
 * now (new tools, tools whose content differs, and with {@code replace} the tools it leaves out as
 * deletes). Tools already as the file has them are no edit at all.
 */
public final class StagedImport {

    private StagedImport() {}

    public static List<StagedEdit> edits(List<ToolDraft> drafts, ImportMode mode, ToolStore tools) {
        ImportPlan plan = ImportPlan.of(drafts, mode, tools);
        List<StagedEdit> edits = new ArrayList<>();
        plan.creates.forEach(
                d -> edits.add(new StagedEdit(d.name(), StagedEdit.Action.UPSERT, d.withDefaults(), null)));
        plan.updates.forEach((tool, draft) ->
                edits.add(new StagedEdit(tool.name(), StagedEdit.Action.UPSERT, draft.contentOnly(), tool.version())));
        plan.deletes.forEach(t -> edits.add(new StagedEdit(t.name(), StagedEdit.Action.DELETE, null, t.version())));
        edits.sort(Comparator.comparing(StagedEdit::name));
        return edits;
    }
}
