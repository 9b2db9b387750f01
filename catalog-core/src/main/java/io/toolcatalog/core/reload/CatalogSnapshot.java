package io.toolcatalog.core.reload;

import io.toolcatalog.core.tool.Tool;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog as of one revision: immutable, swapped atomically by {@link CatalogReloader}, so
 * readers never lock and never see half a reload. The digest is an order-free hash of the (name,
 * version) pairs, updated per changed entry, so two nodes can be compared cheaply.
 */
public final class CatalogSnapshot {

    private static final CatalogSnapshot EMPTY = new CatalogSnapshot(0, Map.of(), 0);

    private final long revision;
    private final Map<String, Tool> tools;
    private final long digest;
    private volatile List<Tool> sorted;

    private CatalogSnapshot(long revision, Map<String, Tool> tools, long digest) {
        this.revision = revision;
        this.tools = tools;
        this.digest = digest;
    }

    public static CatalogSnapshot empty() {
        return EMPTY;
    }

    public static CatalogSnapshot of(long revision, Collection<Tool> tools) {
        Map<String, Tool> byName = new HashMap<>(tools.size() * 4 / 3 + 1);
        long digest = 0;
        for (Tool tool : tools) {
            byName.put(tool.name(), tool);
            digest ^= entryHash(tool);
        }
        return new CatalogSnapshot(revision, byName, digest);
    }

    /** This snapshot with {@code changed} put in and {@code removed} taken out, at {@code newRevision}. */
    public CatalogSnapshot apply(long newRevision, Collection<Tool> changed, Collection<String> removed) {
        Map<String, Tool> next = new HashMap<>((tools.size() + changed.size()) * 4 / 3 + 1);
        next.putAll(tools);
        long nextDigest = digest;
        for (String name : removed) {
            Tool old = next.remove(name);
            if (old != null) {
                nextDigest ^= entryHash(old);
            }
        }
        for (Tool tool : changed) {
            Tool old = next.put(tool.name(), tool);
            if (old != null) {
                nextDigest ^= entryHash(old);
            }
            nextDigest ^= entryHash(tool);
        }
        return new CatalogSnapshot(newRevision, next, nextDigest);
    }

    /** Names present in only one of the two, or at different versions. */
    public Set<String> differencesFrom(CatalogSnapshot other) {
        Set<String> names = new HashSet<>();
        tools.forEach((name, tool) -> {
            Tool theirs = other.tools.get(name);
            if (theirs == null || theirs.version() != tool.version()) {
                names.add(name);
            }
        });
        other.tools.keySet().stream().filter(n -> !tools.containsKey(n)).forEach(names::add);
        return names;
    }

    public long revision() {
        return revision;
    }

    public Optional<Tool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public int size() {
        return tools.size();
    }

    /** All tools, ordered by name; computed once per snapshot, on first use. */
    public List<Tool> tools() {
        List<Tool> result = sorted;
        if (result == null) {
            result = tools.values().stream()
                    .sorted(Comparator.comparing(Tool::name))
                    .toList();
            sorted = result;
        }
        return result;
    }

    public String digest() {
        return String.format("%016x", digest);
    }

    private static long entryHash(Tool tool) {
        // FNV-1a over "name:version", then a 64-bit finaliser so XOR-combining stays well mixed
        long h = 0xcbf29ce484222325L;
        for (byte b : (tool.name() + ':' + tool.version()).getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
