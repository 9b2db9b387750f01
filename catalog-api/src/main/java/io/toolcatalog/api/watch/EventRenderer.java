package io.toolcatalog.api.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.tool.RenderedTools;
import io.toolcatalog.core.change.CommittedChange;
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
 * The watch stream's events as bytes: each event's JSON (tools in the API's shape, rendered once
 * per snapshot entry by {@link RenderedTools}), framed for Server-Sent Events or typed for the long
 * poll. JSON never holds a raw line break, so each event's data is one {@code data:} line.
 */
final class EventRenderer {

    static final String SNAPSHOT = "snapshot";
    static final String CHANGE = "change";
    static final String PROGRESS = "progress";

    private final ObjectMapper mapper;
    private final RenderedTools tools;

    EventRenderer(ObjectMapper mapper, RenderedTools tools) {
        this.mapper = mapper;
        this.tools = tools;
    }

    /** The JSON of {@code pending}: a snapshot or a change event. */
    byte[] json(Pending pending, Set<String> filter) {
        if (pending.isReset()) {
            return snapshot(pending.snapshot(), filter);
        }
        if (pending.only() != null) {
            return pending.only().sharedEvent(this);
        }
        return change(pending.from(), pending.snapshot(), pending.names(), pending.change());
    }

    /** {@code {"revision": R, "tools": [...]}}: every tool (disabled ones too), or the filter's. */
    byte[] snapshot(CatalogSnapshot snapshot, Set<String> filter) {
        Json out = new Json();
        out.raw("{\"revision\":").raw(Long.toString(snapshot.revision())).raw(",\"tools\":[");
        List<Tool> selected = filter == null
                ? snapshot.tools()
                : new TreeSet<>(filter)
                        .stream().map(snapshot::tool).flatMap(Optional::stream).toList();
        tools(out, selected);
        return out.raw("]}").bytes();
    }

    /** {@code {"from_revision", "revision", "changed", "removed", "operation", "reload_id", "committed_at"}}. */
    byte[] change(long from, CatalogSnapshot snapshot, Set<String> names, CommittedChange change) {
        List<Tool> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            snapshot.tool(name).ifPresentOrElse(changed::add, () -> removed.add(name));
        }
        Json out = new Json();
        out.raw("{\"from_revision\":").raw(Long.toString(from));
        out.raw(",\"revision\":").raw(Long.toString(snapshot.revision()));
        out.raw(",\"changed\":[");
        tools(out, changed);
        out.raw("],\"removed\":").value(removed);
        out.raw(",\"operation\":").value(change == null ? null : change.operation());
        out.raw(",\"reload_id\":").value(change == null ? null : change.reloadId());
        out.raw(",\"committed_at\":").value(change == null ? null : change.committedAt());
        return out.raw("}").bytes();
    }

    /** One Server-Sent Event: {@code event}, {@code id} (the revision) and the JSON as data. */
    byte[] sse(String event, long revision, byte[] json) {
        byte[] head = ("event: " + event + "\nid: " + revision + "\ndata: ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(json, 0, frame, head.length, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    /** A {@code progress} event: no id, so a resume still starts from the last change. */
    byte[] progress(long revision) {
        return ("event: progress\ndata: {\"revision\":" + revision + "}\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The long poll's body: the event's JSON with its {@code type} first. */
    byte[] typed(String type, byte[] json) {
        Json out = new Json();
        out.raw("{\"type\":").value(type);
        if (json.length > 2) {
            out.raw(",");
        }
        out.buffer.write(json, 1, json.length - 1);
        return out.bytes();
    }

    private void tools(Json out, List<Tool> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.raw(",");
            }
            out.buffer.writeBytes(tools.json(list.get(i)));
        }
    }

    private final class Json {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

        Json raw(String text) {
            buffer.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Json value(Object value) {
            try {
                buffer.writeBytes(mapper.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("watch event field cannot be written as JSON", e);
            }
            return this;
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
