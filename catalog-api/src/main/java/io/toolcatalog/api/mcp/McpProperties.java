package io.toolcatalog.api.mcp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MCP endpoint at {@code /mcp} ({@code catalog.mcp.*}).
 *
 * @param enabled whether this node serves {@code /mcp} at all
 * @param maxSessions MCP sessions open at once on this node; an {@code initialize} past it gets 503
 * @param retryAfter what a 503 past {@code maxSessions} tells the caller to wait
 * @param sessionIdleTimeout a session with no open stream and no request for this long is closed (it
 *     goes between one and two of these periods after its last use); its client initializes again
 * @param keepAlive how often sessions with an open stream are pinged, so a dead one is found; zero
 *     turns pings off
 * @param pageSize tools per {@code tools/list} page; the rest follow by {@code nextCursor}
 * @param notifyInterval changes are gathered for this long into one
 *     {@code notifications/tools/list_changed}
 */
@ConfigurationProperties("catalog.mcp")
public record McpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1000") int maxSessions,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("10m") Duration sessionIdleTimeout,
        @DefaultValue("30s") Duration keepAlive,
        @DefaultValue("100") int pageSize,
        @DefaultValue("75ms") Duration notifyInterval) {}
