package io.toolcatalog.core.error;

import java.util.List;

/** Staged edits that cannot apply: the named tools changed since the edits were staged against them. */
public final class StagedConflictException extends CatalogException {

    private final List<String> tools;

    private StagedConflictException(List<String> tools) {
        super("Changed since they were staged: " + String.join(", ", tools) + "; rebase to stage against them as"
                + " they are now");
        this.tools = List.copyOf(tools);
    }

    public static StagedConflictException of(List<String> tools) {
        return new StagedConflictException(tools);
    }

    /** The tools whose version is no longer the one their edit was staged against. */
    public List<String> tools() {
        return tools;
    }
}
