package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One thing a watcher saw, as recorded during the run: a connection it opened ({@code open}, with
 * the start point it sent), an event it received ({@code snapshot}, {@code change}, {@code
 * progress}; the client's {@code reset}), or a connection that ended ({@code closed}).
 *
 * @param watcher which watcher
 * @param node the node it was connected to
 * @param type open, snapshot, change, reset, progress or closed
 * @param revision the event's revision (open: the start point sent, -1 for none)
 * @param fromRevision a change's {@code from_revision}; null for other events
 * @param changed the tools a snapshot holds or a change changed, in the watcher's shape
 * @param removed the names a change removed
 * @param atMs when it was received, in ms since the run started
 * @param note the raw event (cut short) or why a connection ended, for reports
 */
record WatchEvent(
        String watcher,
        String node,
        String type,
        long revision,
        Long fromRevision,
        List<JsonNode> changed,
        List<String> removed,
        double atMs,
        String note) {

    static final String OPEN = "open";
    static final String SNAPSHOT = "snapshot";
    static final String CHANGE = "change";
    static final String RESET = "reset";
    static final String PROGRESS = "progress";
    static final String CLOSED = "closed";

    static WatchEvent open(String watcher, String node, Long since, double atMs) {
        return new WatchEvent(watcher, node, OPEN, since == null ? -1 : since, null, List.of(), List.of(), atMs, "");
    }

    static WatchEvent closed(String watcher, String node, String why, double atMs) {
        return new WatchEvent(watcher, node, CLOSED, -1, null, List.of(), List.of(), atMs, why);
    }

    /** Whether it carries content (a snapshot, a change or a client's reset). */
    boolean carriesState() {
        return type.equals(SNAPSHOT) || type.equals(CHANGE) || type.equals(RESET);
    }

    String describe() {
        String body = note.length() <= 300 ? note : note.substring(0, 300) + "…(" + note.length() + " chars)";
        return String.format(
                "%s t=%.3fs node=%s %s rev=%d%s %s",
                watcher, atMs / 1000, node, type, revision, fromRevision == null ? "" : " from=" + fromRevision, body);
    }
}
