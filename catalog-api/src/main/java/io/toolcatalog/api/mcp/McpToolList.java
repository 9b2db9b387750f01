package io.toolcatalog.api.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Tool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tools/list} answers: the enabled tools of one consumer's view of a snapshot, in name
 * order, a page at a time (its {@code _meta} names the revision and the view). A cursor names the last tool of the page before (opaque to the client), so a page never
 * repeats or skips a tool that stayed in the list while the catalog changed between pages.
 */
final class McpToolList {

    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Map<String, Object> OPEN_OBJECT = Map.of("type", "object");
    private static final ObjectMapper SCHEMA_MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> SCHEMA_TYPE = new TypeReference<>() {};

    private final int pageSize;

    McpToolList(int pageSize) {
        this.pageSize = Math.max(1, pageSize);
    }

    McpSchema.ListToolsResult page(ConsumerView view, String cursor) {
        CatalogSnapshot snapshot = view.snapshot();
        String after = cursor == null ? null : nameIn(cursor);
        List<McpSchema.Tool> page = new ArrayList<>(pageSize);
        String last = null;
        boolean more = false;
        for (Tool tool : snapshot.tools()) {
            if (!tool.enabled() || (after != null && tool.name().compareTo(after) <= 0)) {
                continue;
            }
            if (page.size() == pageSize) {
                more = true;
                break;
            }
            page.add(entry(tool, snapshot.revision()));
            last = tool.name();
        }
        return McpSchema.ListToolsResult.builder(page)
                .nextCursor(more ? CURSOR_ENCODER.encodeToString(last.getBytes(StandardCharsets.UTF_8)) : null)
                .meta(pageMeta(snapshot.revision(), view.name()))
                .build();
    }

    private static Map<String, Object> pageMeta(long revision, String view) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("revision", revision);
        meta.put("view", view);
        return meta;
    }

    /** True when {@code tool} shows in the list, and as {@code other} would show it. */
    static boolean listedAlike(Tool tool, Tool other) {
        boolean listed = tool != null && tool.enabled();
        boolean otherListed = other != null && other.enabled();
        if (listed != otherListed) {
            return false;
        }
        return !listed || (tool.version() == other.version() && tool.sameContentAs(other));
    }

    static McpSchema.Tool entry(Tool tool, long revision) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("revision", revision);
        meta.put("version", tool.version());
        meta.put("profiles", List.copyOf(tool.profiles().keySet()));
        meta.put("category", tool.category());
        meta.put("tags", tool.tags());
        return McpSchema.Tool.builder()
                .name(tool.name())
                .description(tool.description())
                .inputSchema(inputSchema(tool))
                .meta(meta)
                .build();
    }

    /** The tool's own {@code input_schema}; a tool without one takes any object. */
    private static Map<String, Object> inputSchema(Tool tool) {
        if (tool.inputSchema() == null) {
            return OPEN_OBJECT;
        }
        return SCHEMA_MAPPER.convertValue(tool.inputSchema(), SCHEMA_TYPE);
    }

    private static String nameIn(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("cursor is not one this server gave: start again without a cursor")
                    .build();
        }
    }
}
