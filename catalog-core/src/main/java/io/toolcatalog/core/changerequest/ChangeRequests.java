package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequest.StateEvent;
import io.toolcatalog.core.changerequest.Transitions.Transition;
import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.core.write.StagedEdit;
import java.util.List;
import java.util.function.Function;

/**
 * Writing change requests: opening one, staging and unstaging items. Each item is staged against
 * the tool's version at that moment (its base). Editing the items of a request under review or
 * approved puts it back to {@code draft}: its approvals were of other content, and they are cleared.
 */
public final class ChangeRequests {

    static final int MAX_TITLE = 200;

    private final ChangeRequestStore store;
    private final StagedValidation validation;
    private final Transitions transitions;
    private final Staging staging;

    ChangeRequests(Workflow workflow, Staging staging) {
        this.store = workflow.store();
        this.validation = workflow.validation();
        this.transitions = workflow.transitions();
        this.staging = staging;
    }

    /** A draft with {@code items} (their bases taken now), written in one transaction. */
    public ChangeRequest open(String title, String description, List<StagedEdit> items, Participant by) {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw InvalidToolException.field("title", "must be 1 to " + MAX_TITLE + " characters");
        }
        String text = description == null ? "" : description;
        if (text.length() > validation.validator().limits().maxDescriptionLength()) {
            throw InvalidToolException.field("description", "is too long");
        }
        List<StagedEdit> based = staging.based(items);
        validation.require(based);
        return transitions.inTransaction(() -> {
            long id = store.insert(title, text, by.name(), staging.contentHash(based), transitions.now());
            based.forEach(item -> store.putItem(id, item, by.name(), transitions.now()));
            ChangeRequest created = store.find(id).orElseThrow();
            store.event(
                    id, new StateEvent(by.name(), "created", null, ChangeRequestState.DRAFT, null, transitions.now()));
            return created;
        });
    }

    /**
     * A draft whose items are what importing {@code drafts} would change in the catalog now
     * ({@code replace}: tools the file leaves out become deletes); the file is checked as an import is.
     */
    public ChangeRequest openFromFile(
            String title, String description, List<ToolDraft> drafts, ImportMode mode, Participant by) {
        validation.validator().checkImport(drafts);
        return open(title, description, staging.imported(drafts, mode), by);
    }

    /** The validator a direct write uses, which checks staged items too. */
    public ToolValidator validator() {
        return validation.validator();
    }

    public ChangeRequest get(long id) {
        return store.find(id).orElseThrow(() -> ChangeRequestException.notFound(id));
    }

    public List<ChangeRequest> list(ChangeRequestState state, int limit, int offset) {
        return store.list(state, limit, offset);
    }

    public List<StateEvent> events(long id) {
        get(id);
        return store.events(id);
    }

    /** Stages {@code edit} (replacing the item of that name), against the tool's version now. */
    public ChangeRequest stage(long id, StagedEdit edit, Participant by) {
        return edit(id, by, "staged " + edit.name(), current -> {
            StagedEdit based = staging.based(List.of(edit)).get(0);
            validation.require(List.of(based));
            store.putItem(id, based, by.name(), transitions.now());
            return based;
        });
    }

    /** Removes the item of {@code name}. */
    public ChangeRequest unstage(long id, String name, Participant by) {
        return edit(id, by, "unstaged " + name, current -> {
            if (!store.removeItem(id, name)) {
                throw ChangeRequestException.noItem(id, name);
            }
            return null;
        });
    }

    /**
     * An edit of the items under the request's lock: allowed until it is published or withdrawn,
     * and any edit of a request past {@code draft} moves it back there with its approvals cleared
     * and its schedule dropped. The content hash is that of the items after the edit.
     */
    private ChangeRequest edit(long id, Participant by, String what, Function<ChangeRequest, StagedEdit> change) {
        return transitions.apply(id, current -> {
            Transitions.requireAuthorOrAdmin(current, by, "edit");
            if (current.state().ended() || current.state() == ChangeRequestState.ROLLING_OUT) {
                throw ChangeRequestException.wrongState(id, current.state().value(), "be edited");
            }
            change.apply(current);
            List<StagedEdit> items = store.find(id).orElseThrow().items();
            if (current.state() != ChangeRequestState.DRAFT) {
                store.clearApprovals(id);
            }
            ChangeRequest next = transitions.moved(
                    Transitions.with(current, staging.contentHash(items), current.baseRevision(), null, null, null),
                    ChangeRequestState.DRAFT);
            return new Transition(next, "edited", by.name(), what);
        });
    }
}
