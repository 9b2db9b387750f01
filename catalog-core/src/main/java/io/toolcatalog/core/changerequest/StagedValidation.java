package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.ChangeRequestException.Problem;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.error.SchemaViolationException;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.StagedEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks staged edits as the direct write each one stands for would be checked (the same
 * {@link ToolValidator}): a whole tool for a new name as a create, changed fields as an update.
 * Every item is checked, and every item's problem is listed, naming the item and the field.
 */
public final class StagedValidation {

    private final ToolValidator validator;
    private final ToolStore tools;

    public StagedValidation(ToolValidator validator, ToolStore tools) {
        this.validator = validator;
        this.tools = tools;
    }

    public ToolValidator validator() {
        return validator;
    }

    /** Every item's problem; empty when all of them are valid. */
    public List<Problem> problems(List<StagedEdit> items) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Tool> current = tools
                .findNamed(items.stream().map(StagedEdit::name).toList())
                .stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));
        ProfileSchemas schemas = validator.schemasInForce();
        for (StagedEdit item : items) {
            try {
                check(item);
                Tool after = ChangeRequestDiff.after(item, current.get(item.name()));
                if (after != null) {
                    validator.checkSchemas("", after, schemas);
                }
            } catch (InvalidToolException e) {
                problems.add(new Problem(item.name(), e.field(), e.getMessage()));
            } catch (SchemaViolationException e) {
                problems.add(new Problem(item.name(), e.field(), e.getMessage()));
            }
        }
        return problems;
    }

    /** Throws {@link ChangeRequestException} (422) listing every item's problem. */
    public void require(List<StagedEdit> items) {
        List<Problem> problems = problems(items);
        if (!problems.isEmpty()) {
            throw ChangeRequestException.invalid(problems);
        }
    }

    private void check(StagedEdit item) {
        validator.checkName("name", item.name());
        if (item.action() != StagedEdit.Action.UPSERT) {
            if (item.baseVersion() == null) {
                throw InvalidToolException.field(
                        "name",
                        "no tool '" + item.name() + "' to " + item.action().value());
            }
            return;
        }
        ToolDraft draft = item.draft();
        if (draft == null) {
            throw InvalidToolException.field("tool", "is required for upsert");
        }
        if (draft.name() != null && !draft.name().equals(item.name())) {
            throw InvalidToolException.field("name", "cannot be changed (the item names '" + item.name() + "')");
        }
        if (item.baseVersion() == null) {
            validator.checkNew("", draft.named(item.name()));
        } else {
            validator.checkContent("", draft);
        }
    }
}
