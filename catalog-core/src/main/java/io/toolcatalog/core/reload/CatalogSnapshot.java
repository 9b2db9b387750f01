package io.toolcatalog.core.reload;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The catalog as of one revision: immutable, swapped atomically by {@link CatalogReloader}, so
 * readers never lock and never see half a reload. The digest ({@link ToolDigest}) is an order-free
 * hash of each tool's document (its content, not only name and version), updated per changed entry,
 * so two nodes, or a node and the database, can be compared cheaply.
 *
 * <p>A snapshot is a shared, never-changed {@code base} map plus a small {@code overlay} of the
 * names changed since (a removed name maps to null). {@link #apply} copies only the overlay, and
 * folds it into a new base once it outgrows about √n entries, so a one-tool catch-up costs about
 * √n map entries instead of copying all n (measured by catalog-bench's catch-up benchmark).
 */
public final class CatalogSnapshot {

    private static final CatalogSnapshot EMPTY =
            new CatalogSnapshot(0, Map.of(), Map.of(), 0, 0, ProfileSchemas.none(), List.of());

    /** At most this many views of one snapshot are kept; more (only with many overlapping rollouts) are built per read. */
    private static final int MAX_CACHED_VIEWS = 64;

    private final long revision;
    private final Map<String, Tool> base;
    private final Map<String, Tool> overlay;
    private final int size;
    private final long digest;
    private final ProfileSchemas schemas;
    private final List<ActiveRollout> rollouts;
    private final String viewName;
    private final Map<String, ConsumerView> views = new ConcurrentHashMap<>();
    private volatile List<Tool> sorted;

    /** {@code base} and {@code overlay} taken as they are: their tools' entries XOR to {@code digest}. */
    CatalogSnapshot(
            long revision,
            Map<String, Tool> base,
            Map<String, Tool> overlay,
            int size,
            long digest,
            ProfileSchemas schemas,
            List<ActiveRollout> rollouts) {
        this(revision, base, overlay, size, digest, schemas, rollouts, ConsumerView.STABLE);
    }

    private CatalogSnapshot(
            long revision,
            Map<String, Tool> base,
            Map<String, Tool> overlay,
            int size,
            long digest,
            ProfileSchemas schemas,
            List<ActiveRollout> rollouts,
            String viewName) {
        this.viewName = viewName;
        this.schemas = schemas;
        this.rollouts = List.copyOf(rollouts);
        this.revision = revision;
        this.base = base;
        this.overlay = overlay;
        this.size = size;
        this.digest = digest;
    }

    public static CatalogSnapshot empty() {
        return EMPTY;
    }

    public static CatalogSnapshot of(long revision, Collection<Tool> tools) {
        return of(revision, tools, ProfileSchemas.none());
    }

    /** A snapshot of {@code tools} and the profile {@code schemas} of {@code revision}. */
    public static CatalogSnapshot of(long revision, Collection<Tool> tools, ProfileSchemas schemas) {
        return of(revision, tools, schemas, List.of());
    }

    /** A snapshot of {@code tools}, the profile {@code schemas} and the active {@code rollouts} of {@code revision}. */
    public static CatalogSnapshot of(
            long revision, Collection<Tool> tools, ProfileSchemas schemas, List<ActiveRollout> rollouts) {
        return FullReload.of(EMPTY, revision, tools, schemas, rollouts).next();
    }

    /** This snapshot with {@code changed} put in and {@code removed} taken out, at {@code newRevision}. */
    public CatalogSnapshot apply(long newRevision, Collection<Tool> changed, Collection<String> removed) {
        Map<String, Tool> next = new HashMap<>((overlay.size() + changed.size() + removed.size()) * 4 / 3 + 1);
        next.putAll(overlay);
        long nextDigest = digest;
        int nextSize = size;
        for (String name : removed) {
            Tool old = lookup(next, name);
            if (old != null) {
                nextDigest ^= ToolDigest.entry(old);
                nextSize--;
                if (base.containsKey(name)) {
                    next.put(name, null);
                } else {
                    next.remove(name);
                }
            }
        }
        for (Tool tool : changed) {
            Tool old = lookup(next, tool.name());
            if (old != null) {
                nextDigest ^= ToolDigest.entry(old);
            } else {
                nextSize++;
            }
            nextDigest ^= ToolDigest.entry(tool);
            next.put(tool.name(), tool);
        }
        if (next.size() <= Math.max(16, (int) Math.sqrt(base.size()))) {
            return new CatalogSnapshot(newRevision, base, next, nextSize, nextDigest, schemas, rollouts);
        }
        Map<String, Tool> folded = new HashMap<>(Math.max(base.size(), nextSize) * 4 / 3 + 1);
        folded.putAll(base);
        next.forEach((name, tool) -> {
            if (tool == null) {
                folded.remove(name);
            } else {
                folded.put(name, tool);
            }
        });
        return new CatalogSnapshot(newRevision, folded, Map.of(), nextSize, nextDigest, schemas, rollouts);
    }

    /** This snapshot with {@code active} as its rollouts (what a catch-up read when a rollout changed). */
    public CatalogSnapshot withRollouts(List<ActiveRollout> active) {
        return new CatalogSnapshot(revision, base, overlay, size, digest, schemas, active);
    }

    /** Whose catalog this is: {@code stable} (the node's), or the view a cohort sees ({@code rollout=3}). */
    public String viewName() {
        return viewName;
    }

    /** The rollouts active at this revision, in id order. */
    public List<ActiveRollout> rollouts() {
        return rollouts;
    }

    /**
     * What {@code consumer} sees at this revision: the stable tools (this snapshot itself) unless it
     * is in the cohort of an active rollout, whose candidates then stand in for the stable tools.
     * Built once per snapshot and view, so whatever a reader renders per snapshot is rendered once
     * per view too.
     */
    public ConsumerView view(ConsumerIdentity consumer) {
        if (rollouts.isEmpty() || consumer.anonymous()) {
            return stableView();
        }
        List<ActiveRollout> in =
                rollouts.stream().filter(r -> r.includes(consumer)).toList();
        if (in.isEmpty()) {
            return stableView();
        }
        String name = ConsumerView.nameOf(in);
        ConsumerView cached = views.get(name);
        if (cached != null) {
            return cached;
        }
        ConsumerView built = candidateView(name, in);
        if (views.size() < MAX_CACHED_VIEWS) {
            ConsumerView raced = views.putIfAbsent(name, built);
            return raced != null ? raced : built;
        }
        return built;
    }

    /** The stable view: this snapshot, seen by everyone in no cohort. */
    public ConsumerView stableView() {
        return views.computeIfAbsent(ConsumerView.STABLE, n -> new ConsumerView(this, n, List.of()));
    }

    private ConsumerView candidateView(String name, List<ActiveRollout> in) {
        List<Tool> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Long> ids = new ArrayList<>(in.size());
        for (ActiveRollout rollout : in) {
            changed.addAll(rollout.candidates().values());
            removed.addAll(rollout.removed());
            ids.add(rollout.id());
        }
        CatalogSnapshot seen = apply(revision, changed, removed);
        return new ConsumerView(
                new CatalogSnapshot(
                        seen.revision, seen.base, seen.overlay, seen.size, seen.digest, schemas, List.of(), name),
                name,
                ids);
    }

    /** Names present in only one of the two, or at different versions. */
    public Set<String> differencesFrom(CatalogSnapshot other) {
        Set<String> names = new HashSet<>();
        int[] shared = {0};
        forEachTool(tool -> {
            Tool theirs = other.lookup(other.overlay, tool.name());
            if (theirs == null) {
                names.add(tool.name());
            } else {
                shared[0]++;
                if (theirs.version() != tool.version()) {
                    names.add(tool.name());
                }
            }
        });
        if (shared[0] == other.size) {
            return names; // every name of theirs is one of ours: no second pass (half a full reload's comparing)
        }
        other.forEachTool(theirs -> {
            if (lookup(overlay, theirs.name()) == null) {
                names.add(theirs.name());
            }
        });
        return names;
    }

    public long revision() {
        return revision;
    }

    /** The profile schemas of this revision (a partial apply never changes them: see CatalogReads). */
    public ProfileSchemas schemas() {
        return schemas;
    }

    public Optional<Tool> tool(String name) {
        return Optional.ofNullable(find(name));
    }

    /** The tool named {@code name}, or null. */
    Tool find(String name) {
        return lookup(overlay, name);
    }

    public int size() {
        return size;
    }

    /** All tools, ordered by name; computed once per snapshot, on first use. */
    public List<Tool> tools() {
        List<Tool> result = sorted;
        if (result == null) {
            List<Tool> all = new ArrayList<>(size);
            forEachTool(all::add);
            all.sort(Comparator.comparing(Tool::name));
            result = Collections.unmodifiableList(all);
            sorted = result;
        }
        return result;
    }

    private Tool lookup(Map<String, Tool> changes, String name) {
        return changes.isEmpty() || !changes.containsKey(name) ? base.get(name) : changes.get(name);
    }

    void forEachTool(Consumer<Tool> action) {
        base.forEach((name, tool) -> {
            if (!overlay.containsKey(name)) {
                action.accept(tool);
            }
        });
        overlay.values().forEach(tool -> {
            if (tool != null) {
                action.accept(tool);
            }
        });
    }

    public String digest() {
        return ToolDigest.format(digest);
    }

    /** The digest as the XOR of the tools' entries, before it is shown. */
    long digestBits() {
        return digest;
    }
}
