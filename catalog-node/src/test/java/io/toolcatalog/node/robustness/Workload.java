package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws a client's next request from its seeded {@link Random}: which operation, on which tool,
 * with which body. Names come from a small pool so creates, deletes and imports collide often.
 */
final class Workload {

    /** Relative weights, in {@link OpKind} order. */
    private static final int[] WEIGHTS = {
        8, // CREATE
        14, // UPDATE
        6, // DELETE
        5, // ENABLE
        5, // DISABLE
        3, // IMPORT_MERGE
        1, // IMPORT_REPLACE
        3, // ROLLBACK
        6, // RELOAD_TOOL
        2, // RELOAD_ALL
        22, // GET_TOOL
        9, // LIST
        9, // PROFILES
        3, // CR_PUBLISH
        2, // REVERT
        2, // SCHEMA_SET
    };

    private static final int TOTAL = java.util.Arrays.stream(WEIGHTS).sum();
    /** The {@code timeout_ms} limits a profile schema may set: restrictive (most tools break them) to permissive. */
    private static final int[] SCHEMA_LIMITS = {2000, 5000, 9000, 3_600_000};

    private static final String[] CATEGORIES = {"search", "code", "web"};
    private static final String[] TAGS = {"text", "fast", "beta", "net"};
    private static final double[] WEIGHT_VALUES = {0.1, 0.25, 0.5, 0.75};

    private final Random random;
    private final int names;
    private final int client;
    private final ObjectMapper json = new ObjectMapper();
    private int sequence;
    private long seenRevision;

    Workload(Random random, int names, int client) {
        this.random = random;
        this.names = names;
        this.client = client;
    }

    /** A request, before it is sent: kind, method, path, tool, JSON body or null. */
    record Request(OpKind kind, String method, String path, String tool, String body) {}

    /** The highest revision this client saw acknowledged: reverts pick one just below it. */
    void seen(long revision) {
        seenRevision = Math.max(seenRevision, revision);
    }

    Request next() {
        OpKind kind = drawKind();
        String name = "t" + random.nextInt(names);
        return switch (kind) {
            case CREATE ->
                new Request(kind, "POST", "/api/v1/tools", name, fullTool(name).toString());
            case UPDATE -> new Request(kind, "PUT", "/api/v1/tools/" + name, name, patch().toString());
            case DELETE -> new Request(kind, "DELETE", "/api/v1/tools/" + name, name, null);
            case ENABLE -> new Request(kind, "PATCH", "/api/v1/tools/" + name + "/enable", name, null);
            case DISABLE -> new Request(kind, "PATCH", "/api/v1/tools/" + name + "/disable", name, null);
            case IMPORT_MERGE -> new Request(kind, "POST", "/api/v1/tools/import?mode=merge", null, importBody());
            case IMPORT_REPLACE -> new Request(kind, "POST", "/api/v1/tools/import?mode=replace", null, importBody());
            case ROLLBACK ->
                new Request(
                        kind,
                        "POST",
                        "/api/v1/tools/" + name + "/rollback?version=" + (1 + random.nextInt(4)),
                        name,
                        null);
            case RELOAD_TOOL ->
                new Request(kind, "POST", "/api/v1/tools/reload?tool_name=" + name + "&scope=" + scope(), name, null);
            case RELOAD_ALL -> new Request(kind, "POST", "/api/v1/tools/reload?scope=" + scope(), null, null);
            case GET_TOOL -> new Request(kind, "GET", "/api/v1/tools/" + name, name, null);
            case LIST -> new Request(kind, "GET", "/api/v1/tools?limit=1000", null, null);
            case PROFILES -> new Request(kind, "GET", "/api/v1/profiles", null, null);
            case CR_PUBLISH ->
                new Request(kind, "POST", "/api/v1/change-requests?from=file&mode=merge", null, importBody());
            case REVERT -> {
                long undone = Math.max(1, seenRevision - random.nextInt(3));
                yield new Request(kind, "POST", "/api/v1/revisions/" + undone + "/revert", null, null);
            }
            case SCHEMA_SET -> {
                int limit = SCHEMA_LIMITS[random.nextInt(SCHEMA_LIMITS.length)];
                yield new Request(
                        kind,
                        "PUT",
                        SchemasInForceCheck.PATH + "?reason=" + SchemasInForceCheck.REASON + limit,
                        null,
                        "{\"properties\": {\"timeout_ms\": {\"maximum\": " + limit + "}}}");
            }
            case WATCH_POLL -> throw new IllegalStateException("the workload draws no " + kind);
        };
    }

    /** Whether a read carries {@code X-Catalog-Min-Revision}. */
    boolean withMinRevision() {
        return random.nextInt(100) < 40;
    }

    int nextNodeIndex(int nodes) {
        return random.nextInt(nodes);
    }

    private OpKind drawKind() {
        int pick = random.nextInt(TOTAL);
        for (int i = 0; i < WEIGHTS.length; i++) {
            pick -= WEIGHTS[i];
            if (pick < 0) {
                return OpKind.values()[i];
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    private String scope() {
        return random.nextBoolean() ? "cluster" : "node";
    }

    private ObjectNode fullTool(String name) {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", name);
        tool.put("description", description());
        tool.put("category", CATEGORIES[random.nextInt(CATEGORIES.length)]);
        tool.set("tags", tags());
        tool.put("enabled", random.nextInt(4) > 0);
        tool.set("profiles", profiles());
        return tool;
    }

    private ObjectNode patch() {
        ObjectNode patch = json.createObjectNode();
        switch (random.nextInt(3)) {
            case 0 -> patch.put("description", description());
            case 1 -> patch.set("profiles", profiles());
            default -> {
                patch.set("tags", tags());
                patch.put("category", CATEGORIES[random.nextInt(CATEGORIES.length)]);
            }
        }
        return patch;
    }

    private String importBody() {
        return importBody(2 + random.nextInt(3));
    }

    /** An import body of one or two tools: the file a rollout's change request is opened from. */
    String rolloutFile() {
        return importBody(1 + random.nextInt(2));
    }

    private String importBody(int count) {
        List<Integer> picked = new ArrayList<>();
        while (picked.size() < count) {
            int n = random.nextInt(names);
            if (!picked.contains(n)) {
                picked.add(n);
            }
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode tools = body.putArray("tools");
        picked.forEach(n -> tools.add(fullTool("t" + n)));
        return body.toString();
    }

    private String description() {
        return "c" + client + "-" + (++sequence);
    }

    private ArrayNode tags() {
        ArrayNode tags = json.createArrayNode();
        for (String tag : TAGS) {
            if (random.nextBoolean()) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private ObjectNode profiles() {
        ObjectNode profiles = json.createObjectNode();
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            ObjectNode p = profiles.putObject(i == 0 ? "default" : "fast");
            p.put("timeout_ms", 1000 * (1 + random.nextInt(9)));
            p.put("max_retries", random.nextInt(4));
            p.put("cost_weight", WEIGHT_VALUES[random.nextInt(WEIGHT_VALUES.length)]);
            p.put("latency_weight", WEIGHT_VALUES[random.nextInt(WEIGHT_VALUES.length)]);
            p.put("quality_weight", WEIGHT_VALUES[random.nextInt(WEIGHT_VALUES.length)]);
            p.putObject("parameters").put("flags", "-" + (char) ('a' + random.nextInt(26)));
        }
        return profiles;
    }
}
