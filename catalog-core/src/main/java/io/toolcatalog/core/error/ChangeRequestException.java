package io.toolcatalog.core.error;

import java.util.List;

/**
 * A change request that cannot do what was asked: there is none of that id, it is not in a state
 * that allows it, the caller may not do it (an author approving their own), or its items are not
 * valid ({@link #problems()}, every item's, each naming the item and the field).
 */
public final class ChangeRequestException extends CatalogException {

    public enum RequestRefusal {
        NOT_FOUND,
        WRONG_STATE,
        NOT_ALLOWED,
        INVALID
    }

    /** One item's problem: the tool it stages, the field (as a direct write names it) and what is wrong. */
    public record Problem(String item, String field, String detail) {}

    private final RequestRefusal kind;
    private final List<Problem> problems;

    private ChangeRequestException(RequestRefusal kind, String message, List<Problem> problems) {
        super(message);
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static ChangeRequestException notFound(long id) {
        return new ChangeRequestException(RequestRefusal.NOT_FOUND, "No change request " + id, List.of());
    }

    public static ChangeRequestException noItem(long id, String name) {
        return new ChangeRequestException(
                RequestRefusal.NOT_FOUND, "Change request " + id + " stages nothing for '" + name + "'", List.of());
    }

    public static ChangeRequestException wrongState(long id, String state, String action) {
        return new ChangeRequestException(
                RequestRefusal.WRONG_STATE,
                "Change request " + id + " is " + state + "; it cannot " + action,
                List.of());
    }

    public static ChangeRequestException notAllowed(String detail) {
        return new ChangeRequestException(RequestRefusal.NOT_ALLOWED, detail, List.of());
    }

    public static ChangeRequestException invalid(List<Problem> problems) {
        return new ChangeRequestException(
                RequestRefusal.INVALID, problems.size() + " problem(s) in the change request's items", problems);
    }

    public RequestRefusal kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }
}
