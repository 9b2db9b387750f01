package io.toolcatalog.api.reload;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.RateLimited;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.HistoryPage;
import io.toolcatalog.core.history.HistoryQuery;
import io.toolcatalog.core.history.ReloadHistory;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.core.reload.ReloadProperties;
import io.toolcatalog.core.tool.ToolValidator;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The predecessor's reload endpoints, for a cluster: reload, history and statistics. */
@RestController
@RequestMapping("/api/v1/tools/reload")
class ReloadController {

    static final int MAX_WAIT_MS = 30_000;
    static final int MAX_HISTORY = 100;

    private final ClusterReloads reloads;
    private final AppliedCatalog catalog;
    private final ReloadHistory history;
    private final ReloadProperties reloadProperties;
    private final ToolValidator validator;
    private final NodeIdentity node;

    ReloadController(
            ClusterReloads reloads,
            AppliedCatalog catalog,
            ReloadHistory history,
            ReloadProperties reloadProperties,
            ToolValidator validator,
            NodeIdentity node) {
        this.reloads = reloads;
        this.catalog = catalog;
        this.history = history;
        this.reloadProperties = reloadProperties;
        this.validator = validator;
        this.node = node;
    }

    @PostMapping
    @Requires(Role.ADMIN)
    @RateLimited
    @Tag(name = ApiTags.RELOAD)
    @Operation(
            summary = "Reload the catalog",
            description = "Reloads this node (everything, or tool_name) and, with scope=cluster, asks every node"
                    + " through Redis; with wait_ms it waits up to that long and lists each live node's outcome.")
    @ApiResponse(responseCode = "200", description = "This node's reload and, when waited for, every node's")
    ReloadResponse reload(
            @RequestParam(name = "tool_name", required = false) String toolName,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            @RequestParam(defaultValue = "cluster") String scope,
            @RequestParam(name = "wait_ms", defaultValue = "0") int waitMs,
            Caller caller) {
        if (toolName != null) {
            validator.checkName("tool_name", toolName);
        }
        validator.checkActor("triggered_by", triggeredBy);
        validator.checkReason(reason);
        boolean cluster = clusterScope(scope);
        if (waitMs < 0 || waitMs > MAX_WAIT_MS) {
            throw ApiProblem.badRequest("wait_ms", "must be between 0 and " + MAX_WAIT_MS);
        }
        ReloadRequest request = ReloadRequest.asked(
                ReloadTrigger.MANUAL,
                toolName,
                triggeredBy,
                caller.principal(),
                reason,
                "Manual reload",
                node.nodeId());
        boolean waited = cluster && waitMs > 0;
        return ReloadResponse.from(reloads.reload(request, cluster, Duration.ofMillis(waitMs)), waited);
    }

    @GetMapping("/history")
    @Tag(name = ApiTags.HISTORY)
    @Operation(
            summary = "Read the cluster's reload history",
            description = "Every node's reload events, newest first, filtered by trigger, node, tool_name and since;"
                    + " source says cluster, or local when Redis cannot be read and only this node's are shown.")
    @ApiResponse(responseCode = "200", description = "The events and how many matched")
    HistoryPage history(
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) String trigger,
            @RequestParam(required = false) String node,
            @RequestParam(name = "tool_name", required = false) String toolName,
            @RequestParam(required = false) String since) {
        if (limit < 1 || limit > MAX_HISTORY) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_HISTORY);
        }
        HistoryQuery query = new HistoryQuery(limit, triggerOf(trigger), node, toolName, instantOf(since), null);
        return history.query(query);
    }

    @GetMapping("/statistics")
    @Tag(name = ApiTags.HISTORY)
    @Operation(
            summary = "Read reload statistics",
            description = "The reload counters summed over the cluster, and per node.")
    @ApiResponse(responseCode = "200", description = "The counters")
    StatisticsResponse statistics() {
        return StatisticsResponse.from(history.counts(), catalog.handlerCount(), reloadProperties);
    }

    private static boolean clusterScope(String scope) {
        return switch (scope) {
            case "cluster" -> true;
            case "node" -> false;
            default -> throw ApiProblem.badRequest("scope", "'" + scope + "' is not cluster or node");
        };
    }

    private static ReloadTrigger triggerOf(String trigger) {
        if (trigger == null) {
            return null;
        }
        try {
            return ReloadTrigger.from(trigger);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(
                    "trigger",
                    "'" + trigger + "' is not one of startup, api_update, manual," + " periodic, webhook, sync");
        }
    }

    private static Instant instantOf(String since) {
        if (since == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    "since", "'" + since + "' is not an ISO-8601 time such as 2025-10-03T19:21:44Z");
        }
    }
}
