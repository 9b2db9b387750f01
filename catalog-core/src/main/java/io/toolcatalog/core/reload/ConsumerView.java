package io.toolcatalog.core.reload;

import io.toolcatalog.core.cohort.ActiveRollout;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog one consumer sees at one revision: {@code snapshot} (at the catalog's revision) and
 * its {@code name}, {@code stable} or {@code rollout=3} ({@code rollout=3,rollout=5} when the
 * consumer is in several cohorts), which answers carry as {@code X-Catalog-View}.
 */
public record ConsumerView(CatalogSnapshot snapshot, String name, List<Long> rolloutIds) {

    public static final String STABLE = "stable";
    public static final String HEADER = "X-Catalog-View";

    public ConsumerView {
        rolloutIds = List.copyOf(rolloutIds);
    }

    public boolean stable() {
        return rolloutIds.isEmpty();
    }

    static String nameOf(List<ActiveRollout> in) {
        return in.stream().map(r -> "rollout=" + r.id()).collect(Collectors.joining(","));
    }
}
