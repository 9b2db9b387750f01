package io.toolcatalog.core.error;

/**
 * A rollout that cannot do what was asked: none of that id, a state that does not allow it, tools
 * another rollout holds ({@link #rolloutId()} names it), or a plan that is not valid ({@link
 * #field()} names the field).
 */
public final class RolloutException extends CatalogException {

    public enum RolloutRefusal {
        NOT_FOUND,
        WRONG_STATE,
        TOOLS_BUSY,
        INVALID
    }

    private final RolloutRefusal kind;
    private final String field;
    private final Long rolloutId;

    private RolloutException(RolloutRefusal kind, String message, String field, Long rolloutId) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.rolloutId = rolloutId;
    }

    public static RolloutException notFound(long id) {
        return new RolloutException(RolloutRefusal.NOT_FOUND, "No rollout " + id, null, id);
    }

    public static RolloutException wrongState(long id, String state, String action) {
        return new RolloutException(
                RolloutRefusal.WRONG_STATE, "Rollout " + id + " is " + state + "; it cannot " + action, null, id);
    }

    /** Tools that rollout {@code rolloutId} holds: nothing else may write them until it ends. */
    public static RolloutException toolsBusy(long rolloutId, java.util.Collection<String> names) {
        return new RolloutException(
                RolloutRefusal.TOOLS_BUSY,
                "Rollout " + rolloutId + " holds " + String.join(", ", names)
                        + "; advance, complete or abort it before writing them otherwise",
                null,
                rolloutId);
    }

    public static RolloutException invalid(String field, String detail) {
        return new RolloutException(RolloutRefusal.INVALID, detail, field, null);
    }

    public RolloutRefusal kind() {
        return kind;
    }

    /** The request field at fault, for {@link RolloutRefusal#INVALID}. */
    public String field() {
        return field;
    }

    /** The rollout in question, when there is one. */
    public Long rolloutId() {
        return rolloutId;
    }
}
