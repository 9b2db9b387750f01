package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.core.write.StagedImport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Items as a change request stages them: each against its tool's version at that moment (its
 * base), and all of them together under the content hash approvals are bound to.
 */
final class Staging {

    private final ToolStore tools;
    private final StagedJson json;

    Staging(ToolStore tools, StagedJson json) {
        this.tools = tools;
        this.json = json;
    }

    /** {@code items} staged against their tools' versions now (null: no such tool). */
    List<StagedEdit> based(List<StagedEdit> items) {
        Map<String, Tool> now = tools
                .findNamed(items.stream().map(StagedEdit::name).toList())
                .stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));
        return items.stream()
                .map(item -> {
                    Tool tool = now.get(item.name());
                    return item.rebased(tool == null ? null : tool.version());
                })
                .toList();
    }

    /** What importing {@code drafts} would change in the catalog now, as items. */
    List<StagedEdit> imported(List<ToolDraft> drafts, ImportMode mode) {
        return StagedImport.edits(drafts, mode, tools);
    }

    /** The hash approvals are bound to. */
    String contentHash(List<StagedEdit> items) {
        return json.contentHash(items);
    }
}
