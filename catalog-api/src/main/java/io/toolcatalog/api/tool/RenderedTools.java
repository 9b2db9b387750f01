package io.toolcatalog.api.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.ReloadHandler;
import io.toolcatalog.core.tool.Tool;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tool's JSON, rendered once per snapshot entry and then served as ready bytes: the hot read
 * {@code GET /tools/{name}} does no serialisation. An entry is valid while the snapshot still holds
 * the very same {@link Tool} instance; a reload drops the entries of the names it changed.
 */
public final class RenderedTools implements ReloadHandler {

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<String, ToolJsonBytes> byName = new ConcurrentHashMap<>();

    public RenderedTools(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The tool in the API's shape, as JSON bytes; also what the watch stream's events carry. */
    public byte[] json(Tool tool) {
        ToolJsonBytes rendered = byName.get(tool.name());
        if (rendered != null && rendered.tool() == tool) {
            return rendered.json();
        }
        try {
            byte[] json = mapper.writeValueAsBytes(ToolResponse.from(tool));
            byName.put(tool.name(), new ToolJsonBytes(tool, json));
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tool " + tool.name() + " cannot be written as JSON", e);
        }
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        reloaded.changedNames().forEach(byName::remove);
    }

    private record ToolJsonBytes(Tool tool, byte[] json) {}
}
