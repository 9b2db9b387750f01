package io.toolcatalog.api.watch;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.view.ConsumerIdentities;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch request's parameters, checked: the start point ({@code since}, else {@code
 * Last-Event-ID}; null means start with a snapshot), the tool filter (null: every tool), the
 * consumer's id as its header names it (for the consumer list), for a long poll how long to wait
 * (capped), and whose view the events are in: the {@code X-Catalog-Consumer} id, else the
 * authenticated principal's name, with the {@code X-Catalog-Consumer-Labels} labels.
 */
record WatchRequest(Long since, Set<String> tools, String consumerId, Duration pollWait, ConsumerIdentity consumer) {

    static final String CONSUMER_HEADER = ConsumerIdentity.ID_HEADER;
    static final String LABELS_HEADER = ConsumerIdentity.LABELS_HEADER;
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final Pattern WAIT = Pattern.compile("^(\\d{1,9})(ms|s|m)?$");

    static WatchRequest of(
            String since,
            String lastEventId,
            List<String> tools,
            String consumerId,
            String labels,
            String principal,
            String wait,
            Pattern toolName,
            WatchProperties settings) {
        Long start = since != null
                ? revision("since", since)
                : lastEventId != null ? revision(LAST_EVENT_ID, lastEventId) : null;
        Set<String> filter = null;
        if (tools != null && !tools.isEmpty()) {
            filter = new LinkedHashSet<>();
            for (String tool : tools) {
                if (tool == null || !toolName.matcher(tool).matches()) {
                    throw ApiProblem.badRequest("tool", "'" + tool + "' is not a tool name");
                }
                filter.add(tool);
            }
        }
        ConsumerIdentity consumer = ConsumerIdentities.of(consumerId, labels, principal);
        String tracked = consumerId == null || consumerId.isEmpty() ? null : consumer.id();
        return new WatchRequest(start, filter, tracked, waitOf(wait, settings), consumer);
    }

    /** A caller that accepts JSON and not an event stream asks for a long poll. */
    static boolean wantsLongPoll(String accept) {
        return accept != null && accept.contains("application/json") && !accept.contains("text/event-stream");
    }

    private static Long revision(String field, String value) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,18}")) {
            return Long.parseLong(trimmed);
        }
        throw ApiProblem.badRequest(field, "'" + value + "' is not a revision number");
    }

    /** Seconds by default ({@code 30}, {@code 30s}), or {@code ms} / {@code m}; capped at max-wait. */
    private static Duration waitOf(String value, WatchProperties settings) {
        if (value == null) {
            return min(settings.defaultWait(), settings.maxWait());
        }
        Matcher m = WAIT.matcher(value.trim());
        if (!m.matches()) {
            throw ApiProblem.badRequest("wait", "'" + value + "' is not a duration such as 30s or 500ms");
        }
        long amount = Long.parseLong(m.group(1));
        Duration wait =
                switch (m.group(2) == null ? "s" : m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofSeconds(amount);
                };
        return min(wait, settings.maxWait());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
