package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every read's body belongs to the revision in its {@code X-Catalog-Revision} header, checked
 * against the database's own history ({@code tool_versions}) while writes go on at the same time
 * on the same node; a mutation's header is the revision it committed and its body that revision's.
 */
class RevisionHeaderConsistencyIT extends ApiTestSupport {

    private static final Duration RUN = Duration.ofSeconds(6);
    private static final int READERS = 4;
    private static final int WRITERS = 2;

    /** One response as a client saw it. */
    record Observed(String what, String path, int status, long header, String etag, JsonNode body) {

        @Override
        public String toString() {
            return what + " " + path + " -> " + status + " header " + header + " etag " + etag + " " + body;
        }
    }

    /** One row of {@code tool_versions}: what a name was from {@code revision} on. */
    record Version(int version, boolean present, boolean enabled, long revision) {}

    @Test
    void everyBodyBelongsToTheRevisionInItsHeaderWhileWritesGoOn() throws Exception {
        String prefix = unique("hdr");
        List<String> names =
                IntStream.range(0, 4).mapToObj(i -> prefix + "-" + i).toList();
        names.forEach(this::createTool);
        List<Observed> seen = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + RUN.toNanos();

        ExecutorService pool = Executors.newFixedThreadPool(READERS + WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            running.add(pool.submit(() -> write(names, seen, deadline)));
        }
        for (int i = 0; i < READERS; i++) {
            running.add(pool.submit(() -> read(prefix, names, seen, deadline)));
        }
        for (Future<?> task : running) {
            task.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<String, TreeMap<Long, Version>> history = history(prefix);
        List<String> violations = new ArrayList<>();
        List<Observed> all = List.copyOf(seen);
        for (Observed observed : all) {
            String problem = check(observed, prefix, names, history);
            if (problem != null) {
                violations.add(problem + ": " + observed);
            }
        }
        long reads = all.stream().filter(o -> o.what().equals("read")).count();
        System.out.printf(
                "Revision header check: %d reads, %d writes, %d violations%n",
                reads, all.size() - reads, violations.size());
        assertThat(reads).isGreaterThan(100);
        assertThat(violations)
                .as("%d of %d responses broke the rule; first ones", violations.size(), all.size())
                .isEmpty();
    }

    @Test
    void aToggleThatChangesNothingAnswersAtTheNodesRevisionNotTheToolsOlderOne() {
        String first = createTool(unique("noop"));
        createTool(unique("noop"));
        long applied = api.get(TOOLS).send().revisionHeader();

        Api.Reply reply =
                api.patch(TOOLS + "/" + first + "/enable").token(EDITOR).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.revisionHeader()).isGreaterThanOrEqualTo(applied);
        assertThat(reply.json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void theRevisionAndTheCallerAreNotRequestParametersInTheOpenApiDocument() {
        JsonNode list = api.get("/v3/api-docs").send().json().path("paths").path(TOOLS);

        List<String> parameters = new ArrayList<>();
        list.path("get")
                .path("parameters")
                .forEach(p -> parameters.add(p.path("name").asText()));
        list.path("post")
                .path("parameters")
                .forEach(p -> parameters.add(p.path("name").asText()));

        assertThat(parameters).contains("limit", "reason").doesNotContain("revision", "caller");
    }

    private void write(List<String> names, List<Observed> seen, long deadline) {
        Api client = new Api(port);
        int counter = 0;
        while (System.nanoTime() < deadline) {
            String name = names.get(ThreadLocalRandom.current().nextInt(names.size()));
            String path = TOOLS + "/" + name;
            Api.Reply reply =
                    switch (ThreadLocalRandom.current().nextInt(5)) {
                        case 0 ->
                            client.put(path)
                                    .token(EDITOR)
                                    .json("{\"description\": \"d" + (counter++) + "\"}")
                                    .send();
                        case 1 -> client.patch(path + "/disable").token(EDITOR).send();
                        case 2 -> client.patch(path + "/enable").token(EDITOR).send();
                        case 3 -> client.delete(path).token(EDITOR).send();
                        default ->
                            client.post(TOOLS)
                                    .token(EDITOR)
                                    .json(toolJson(name, "d" + (counter++)))
                                    .send();
                    };
            seen.add(observed("write", path, reply));
        }
    }

    private void read(String prefix, List<String> names, List<Observed> seen, long deadline) {
        Api client = new Api(port);
        while (System.nanoTime() < deadline) {
            String path =
                    switch (ThreadLocalRandom.current().nextInt(3)) {
                        case 0 ->
                            TOOLS + "/" + names.get(ThreadLocalRandom.current().nextInt(names.size()));
                        case 1 -> TOOLS + "?limit=1000&q=" + prefix;
                        default -> ProfilesIT.PROFILES;
                    };
            seen.add(observed("read", path, client.get(path).send()));
        }
    }

    private static Observed observed(String what, String path, Api.Reply reply) {
        JsonNode body = reply.body().isEmpty() ? null : reply.json();
        return new Observed(
                what,
                path,
                reply.status(),
                reply.revisionHeader(),
                reply.header("ETag").orElse(null),
                body);
    }

    /** Each name's versions by the revision that made them. */
    private Map<String, TreeMap<Long, Version>> history(String prefix) {
        Map<String, TreeMap<Long, Version>> byName = new HashMap<>();
        jdbc.query(
                "SELECT name, version, operation, revision, document->>'enabled' AS enabled FROM tool_versions"
                        + " WHERE name LIKE ?",
                rs -> {
                    byName.computeIfAbsent(rs.getString("name"), n -> new TreeMap<>())
                            .put(
                                    rs.getLong("revision"),
                                    new Version(
                                            rs.getInt("version"),
                                            !rs.getString("operation").equals("delete"),
                                            "true".equals(rs.getString("enabled")),
                                            rs.getLong("revision")));
                },
                prefix + "%");
        return byName;
    }

    /** The name's version at {@code revision}, or null when it did not exist then. */
    private static Version at(Map<String, TreeMap<Long, Version>> history, String name, long revision) {
        TreeMap<Long, Version> versions = history.get(name);
        Map.Entry<Long, Version> entry = versions == null ? null : versions.floorEntry(revision);
        return entry == null || !entry.getValue().present() ? null : entry.getValue();
    }

    /** What is wrong with one response, or null. */
    private static String check(
            Observed o, String prefix, List<String> names, Map<String, TreeMap<Long, Version>> history) {
        if (o.status() >= 500) {
            return "server error";
        }
        if (o.what().equals("write")) {
            return o.status() / 100 == 2 ? checkWrite(o, history) : null;
        }
        long h = o.header();
        if (o.path().startsWith(ProfilesIT.PROFILES)) {
            if (o.body().path("revision").asLong() != h) {
                return "profiles body revision differs from the header";
            }
            if (!("\"r" + h + "\"").equals(o.etag())) {
                return "profiles ETag differs from the header";
            }
            Set<String> expected = new HashSet<>();
            for (String name : names) {
                Version v = at(history, name, h);
                if (v != null && v.enabled()) {
                    expected.add(name);
                }
            }
            Set<String> listed = new HashSet<>();
            o.body().path("tools").fieldNames().forEachRemaining(n -> {
                if (n.startsWith(prefix)) {
                    listed.add(n);
                }
            });
            return listed.equals(expected) ? null : "profiles lists " + listed + " but the database had " + expected;
        }
        if (o.path().contains("?")) {
            if (o.body().path("revision").asLong() != h) {
                return "list body revision differs from the header";
            }
            Map<String, Integer> expected = new TreeMap<>();
            for (String name : names) {
                Version v = at(history, name, h);
                if (v != null) {
                    expected.put(name, v.version());
                }
            }
            Map<String, Integer> listed = new TreeMap<>();
            for (Iterator<JsonNode> it = o.body().path("tools").elements(); it.hasNext(); ) {
                JsonNode tool = it.next();
                listed.put(tool.path("name").asText(), tool.path("version").asInt());
            }
            return listed.equals(expected) ? null : "list shows " + listed + " but the database had " + expected;
        }
        String name = o.path().substring(o.path().lastIndexOf('/') + 1);
        Version v = at(history, name, h);
        if (o.status() == 404) {
            return v == null ? null : "404 though the database had version " + v.version();
        }
        if (v == null) {
            return "a body though the database had no such tool";
        }
        if (o.body().path("version").asInt() != v.version()) {
            return "version " + o.body().path("version").asInt() + " but the database had " + v.version();
        }
        return ("\"" + v.version() + "\"").equals(o.etag()) ? null : "ETag differs from the body";
    }

    private static String checkWrite(Observed o, Map<String, TreeMap<Long, Version>> history) {
        long committed = o.body().path("revision").asLong();
        if (o.header() < committed) {
            return "header below the revision the write committed";
        }
        if (!o.body().has("version")) {
            return null;
        }
        Version v = at(history, o.body().path("name").asText(), o.header());
        return v != null && v.version() == o.body().path("version").asInt()
                ? null
                : "write body is not the database's state at the header's revision";
    }
}
