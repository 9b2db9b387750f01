package io.toolcatalog.api.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.ReloadHandler;
import io.toolcatalog.core.tool.Tool;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tool's JSON, rendered once per snapshot entry and then served as ready bytes: the hot read
 * {@code GET /tools/{name}} does no serialisation. An entry is valid while a snapshot still holds
 * the very same {@link Tool} instance. A name keeps a few entries, newest first, so the stable tool
 * and a rollout's candidate of the same name, read in turn by consumers in different views, are
 * each rendered once instead of evicting each other; a reload drops the entries of the names it
 * changed.
 */
public final class RenderedTools implements ReloadHandler {

    /** Instances of one name kept at once: stable, a candidate, and one being replaced. */
    private static final int PER_NAME = 4;

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<String, ToolJsonBytes[]> byName = new ConcurrentHashMap<>();

    public RenderedTools(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The tool in the API's shape, as JSON bytes; also what the watch stream's events carry. */
    public byte[] json(Tool tool) {
        ToolJsonBytes[] kept = byName.get(tool.name());
        if (kept != null) {
            for (ToolJsonBytes rendered : kept) {
                if (rendered.tool() == tool) {
                    return rendered.json();
                }
            }
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(ToolResponse.from(tool));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool " + tool.name() + " cannot be written as JSON", e);
        }
        ToolJsonBytes fresh = new ToolJsonBytes(tool, json);
        byName.compute(tool.name(), (name, old) -> withFirst(fresh, old));
        return json;
    }

    private static ToolJsonBytes[] withFirst(ToolJsonBytes fresh, ToolJsonBytes[] old) {
        if (old == null) {
            return new ToolJsonBytes[] {fresh};
        }
        ToolJsonBytes[] next = new ToolJsonBytes[Math.min(PER_NAME, old.length + 1)];
        next[0] = fresh;
        int i = 1;
        for (ToolJsonBytes entry : old) {
            if (i == next.length) {
                break;
            }
            if (entry.tool() != fresh.tool()) {
                next[i++] = entry;
            }
        }
        return i == next.length ? next : Arrays.copyOf(next, i);
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        reloaded.applied().names().forEach(byName::remove);
    }

    private record ToolJsonBytes(Tool tool, byte[] json) {}
}
