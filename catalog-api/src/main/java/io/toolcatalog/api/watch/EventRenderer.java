package io.toolcatalog.api.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.AppliedChange;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The watch stream's events as shared pieces ({@link EventBody}): tools in the API's shape, the
 * very JSON {@link RenderedTools} holds per snapshot entry, between a small prefix and suffix. An
 * event for a revision and filter is rendered once ({@link FrameCache}); no event is ever copied
 * into one body. JSON never holds a raw line break, so each event's data is one {@code data:} line.
 */
final class EventRenderer {

    static final String SNAPSHOT = "snapshot";
    static final String CHANGE = "change";
    static final String PROGRESS = "progress";

    private final ObjectMapper mapper;
    private final RenderedTools tools;
    private final FrameCache cache;

    EventRenderer(ObjectMapper mapper, RenderedTools tools, FrameCache cache) {
        this.mapper = mapper;
        this.tools = tools;
        this.cache = cache;
    }

    /** The event of {@code step} (ending at {@code at}) for {@code filter}, shared when it was rendered before. */
    EventBody body(AppliedChange step, CatalogSnapshot at, Set<String> filter) {
        return cache.get(step, at, filter, () -> step.reset() ? snapshot(at, filter) : change(step, at));
    }

    /** {@code {"revision": R, "tools": [...], "view": "stable"}}: every tool (disabled ones too), or the filter's. */
    EventBody snapshot(CatalogSnapshot at, Set<String> filter) {
        List<Tool> selected = filter == null
                ? at.tools()
                : new TreeSet<>(filter)
                        .stream().map(at::tool).flatMap(Optional::stream).toList();
        byte[] prefix = ascii("\"revision\":" + at.revision() + ",\"tools\":[");
        return body(SNAPSHOT, at, prefix, selected, ascii("],\"view\":" + quoted(at.viewName()) + "}"));
    }

    /** {@code {"from_revision", "revision", "changed", "removed", "operation", "reload_id", "committed_at"}},
     * {@code "change_request_id"} when the revision published one, and the watcher's {@code "view"}. */
    EventBody change(AppliedChange step, CatalogSnapshot at) {
        List<Tool> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(step.names())) {
            at.tool(name).ifPresentOrElse(changed::add, () -> removed.add(name));
        }
        CommittedChange change = step.lastChange();
        byte[] prefix = ascii("\"from_revision\":" + step.from() + ",\"revision\":" + at.revision() + ",\"changed\":[");
        ByteArrayOutputStream suffix = new ByteArrayOutputStream(128);
        suffix.writeBytes(ascii("],\"removed\":"));
        suffix.writeBytes(json(removed));
        suffix.writeBytes(ascii(",\"operation\":"));
        suffix.writeBytes(json(change == null ? null : change.operation()));
        suffix.writeBytes(ascii(",\"reload_id\":"));
        suffix.writeBytes(json(change == null ? null : change.reloadId()));
        suffix.writeBytes(ascii(",\"committed_at\":"));
        suffix.writeBytes(json(change == null ? null : change.committedAt()));
        if (change != null && change.changeRequestId() != null) {
            suffix.writeBytes(ascii(",\"change_request_id\":" + change.changeRequestId()));
        }
        suffix.writeBytes(ascii(",\"view\":" + quoted(at.viewName()) + "}"));
        return body(CHANGE, at, prefix, changed, suffix.toByteArray());
    }

    /** A {@code progress} event: no id, so a resume still starts from the last change. */
    EventBody progress(long revision) {
        byte[] frame = ascii("event: progress\ndata: {\"revision\":" + revision + "}\n\n");
        return new EventBody(PROGRESS, revision, null, frame, new String[0], new byte[0][], new byte[0]);
    }

    private EventBody body(String type, CatalogSnapshot at, byte[] prefix, List<Tool> list, byte[] suffix) {
        String[] names = new String[list.size()];
        byte[][] json = new byte[list.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = list.get(i).name();
            json[i] = tools.json(list.get(i));
        }
        return new EventBody(type, at.revision(), at.viewName(), prefix, names, json, suffix);
    }

    private String quoted(String text) {
        return new String(json(text), java.nio.charset.StandardCharsets.UTF_8);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("watch event field cannot be written as JSON", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
