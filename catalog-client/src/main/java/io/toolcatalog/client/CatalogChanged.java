package io.toolcatalog.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One change the client applied, as its listeners are told of it. Applying {@code changed} and
 * {@code removed} to the catalog at {@code fromRevision} gives the catalog at {@code revision}.
 *
 * @param fromRevision the revision the client held before ({@code 0} for its first state)
 * @param revision the revision the client holds now
 * @param changed the tools created or changed, as they are now (immutable)
 * @param removed the names of the tools deleted (immutable)
 * @param reset {@code true} when the client replaced its whole state (its first state, or a
 *     snapshot after it could not resume); {@code changed} and {@code removed} are then the
 *     difference between the old state and the new one
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CatalogChanged(
        long fromRevision, long revision, List<CatalogTool> changed, List<String> removed, boolean reset) {

    /** Freezes the lists. */
    public CatalogChanged {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
