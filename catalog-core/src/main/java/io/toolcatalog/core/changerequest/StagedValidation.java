package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.ChangeRequestException.Problem;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.StagedEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks staged edits as the direct write each one stands for would be checked (the same
 * {@link ToolValidator}): a whole tool for a new name as a create, changed fields as an update.
 * Every item is checked, and every problem of every item is listed (each field out of range, each
 * schema violation), naming the item and the field.
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

    /** Every problem of every item (each field of each item); empty when all of them are valid. */
    public List<Problem> problems(List<StagedEdit> items) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Tool> current = tools
                .findNamed(items.stream().map(StagedEdit::name).toList())
                .stream()
                .collect(Collectors.toMap(Tool::name, Function.identity()));
        ProfileSchemas schemas = validator.schemasInForce();
        for (StagedEdit item : items) {
            List<Problem> found = new ArrayList<>();
            try {
                check(item).forEach(e -> found.add(new Problem(item.name(), e.field(), e.getMessage())));
            } catch (InvalidToolException e) {
                found.add(new Problem(item.name(), e.field(), e.getMessage()));
            }
            Tool after = found.isEmpty() || item.action() == StagedEdit.Action.UPSERT
                    ? ChangeRequestDiff.after(item, current.get(item.name()))
                    : null;
            if (after != null) {
                Set<String> named = found.stream().map(Problem::field).collect(Collectors.toSet());
                schemas.allViolations("", after, validator.json()).stream()
                        .filter(v -> !named.contains(v.field()))
                        .forEach(v -> found.add(new Problem(item.name(), v.field(), v.field() + ": " + v.message())));
            }
            problems.addAll(found);
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

    /** The item's problems as a direct write would find them; throws for one that stops the rest. */
    private List<InvalidToolException> check(StagedEdit item) {
        validator.checkName("name", item.name());
        if (item.action() != StagedEdit.Action.UPSERT) {
            if (item.baseVersion() == null) {
                throw InvalidToolException.field(
                        "name",
                        "no tool '" + item.name() + "' to " + item.action().value());
            }
            return List.of();
        }
        ToolDraft draft = item.draft();
        if (draft == null) {
            throw InvalidToolException.field("tool", "is required for upsert");
        }
        if (draft.name() != null && !draft.name().equals(item.name())) {
            throw InvalidToolException.field("name", "cannot be changed (the item names '" + item.name() + "')");
        }
        return item.baseVersion() == null
                ? validator.newProblems("", draft.named(item.name()))
                : validator.contentProblems("", draft);
    }
}
