package io.toolcatalog.api.watch;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Tool;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One step of the node ({@code before} to {@code after}) as each consumer's view sees it. Without
 * an active rollout at either end every view is the stable one and the step is the node's. With
 * one, a consumer's event names what differs between its view at {@code before} and its view at
 * {@code after}: the stable names the step changed, and of the rollouts' tools (active at either
 * end) those whose row differs between the two views (a consumer entering a cohort gets the
 * candidate; one that stays in stable gets nothing for a rollout's step). Worked out once per pair
 * of views, not per watcher, and the snapshots are only held while the step is handed out.
 */
final class TransitionViews {

    private final AppliedChange step;
    private final CatalogSnapshot before;
    private final CatalogSnapshot after;
    private final Set<String> rolloutNames;
    private final Set<String> superseded;
    private final Map<String, AppliedChange> byViews = new ConcurrentHashMap<>();
    private final Map<String, ConsumerView> afterByName = new ConcurrentHashMap<>();

    TransitionViews(CatalogReloaded reloaded) {
        this.step = reloaded.applied();
        this.before = reloaded.previous();
        this.after = reloaded.current();
        Set<String> names = new TreeSet<>();
        for (ActiveRollout rollout : before.rollouts()) {
            names.addAll(rollout.toolNames());
        }
        for (ActiveRollout rollout : after.rollouts()) {
            names.addAll(rollout.toolNames());
        }
        this.rolloutNames = Set.copyOf(names);
        if (names.isEmpty()) {
            this.superseded = step.names();
        } else {
            names.addAll(step.names());
            this.superseded = Set.copyOf(names);
        }
    }

    AppliedChange step() {
        return step;
    }

    /** The tools of the rollouts active at either end: those whose rows may differ by view. */
    Set<String> rolloutNames() {
        return rolloutNames;
    }

    /** Names whose rows a stream still writing an older event may now hold alone. */
    Set<String> superseded() {
        return superseded;
    }

    /** Whether every view is the stable one at both ends: the step is the node's for everyone. */
    boolean stableOnly() {
        return rolloutNames.isEmpty();
    }

    CatalogSnapshot before() {
        return before;
    }

    CatalogSnapshot after() {
        return after;
    }

    /** The step as {@code consumer} sees it, and its view's snapshot at the step's end. */
    Subscription.Ready in(ConsumerIdentity consumer) {
        if (stableOnly()) {
            return new Subscription.Ready(step, after);
        }
        ConsumerView from = before.view(consumer);
        return in(from, viewAfter(consumer, from));
    }

    /**
     * {@code consumer}'s view at the step's end, given its view at the start. When the step kept the
     * rollouts as they were (the same list), the consumer is in the same cohorts, so the view of that
     * name is looked up once for all: no watcher's membership is worked out again.
     */
    ConsumerView viewAfter(ConsumerIdentity consumer, ConsumerView from) {
        if (after.rollouts() == before.rollouts()) {
            return afterByName.computeIfAbsent(from.name(), k -> after.view(consumer));
        }
        return after.view(consumer);
    }

    /** The step between two views of the consumer, worked out once per pair of views. */
    Subscription.Ready in(ConsumerView from, ConsumerView to) {
        if (stableOnly()) {
            return new Subscription.Ready(step, after);
        }
        AppliedChange seen =
                byViews.computeIfAbsent(from.name() + ">" + to.name(), k -> between(from.snapshot(), to.snapshot()));
        return new Subscription.Ready(seen, to.snapshot());
    }

    private AppliedChange between(CatalogSnapshot from, CatalogSnapshot to) {
        Set<String> names = new HashSet<>(step.names());
        names.removeAll(rolloutNames);
        for (String name : rolloutNames) {
            if (differs(from.tool(name).orElse(null), to.tool(name).orElse(null))) {
                names.add(name);
            }
        }
        return names.equals(step.names()) ? step : step.withNames(names);
    }

    private static boolean differs(Tool a, Tool b) {
        return a != b && !Objects.equals(a, b);
    }
}
