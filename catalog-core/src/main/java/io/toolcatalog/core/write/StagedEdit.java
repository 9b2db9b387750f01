package io.toolcatalog.core.write;

import io.toolcatalog.core.tool.ToolDraft;
import java.util.Locale;

/**
 * One tool's edit, staged to be applied later with others in one revision: {@code draft} is a whole
 * tool for a new name or the fields to change of an existing one (null for the other actions), and
 * {@code baseVersion} the tool's version when the edit was staged (null: there was no such tool).
 * Publishing refuses the edit when the tool is no longer at {@code baseVersion}.
 */
public record StagedEdit(String name, Action action, ToolDraft draft, Integer baseVersion) {

    public enum Action {
        UPSERT,
        DELETE,
        ENABLE,
        DISABLE;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action named {@code value}, or null when there is none of that name. */
        public static Action from(String value) {
            for (Action action : values()) {
                if (action.value().equals(value)) {
                    return action;
                }
            }
            return null;
        }
    }

    /** This edit staged against {@code version} of its tool (null: absent). */
    public StagedEdit rebased(Integer version) {
        return new StagedEdit(name, action, draft, version);
    }
}
