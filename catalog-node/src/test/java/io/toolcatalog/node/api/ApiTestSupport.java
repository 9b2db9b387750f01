package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertBadRequest;
import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * One node on its own schema and Redis prefix, shared (one cached Spring context) by every API test
 * that extends this class: the webhook secret is set and the reload budget is large, so tests do
 * not trip over each other's reloads. Tests never depend on each other's data: each uses names of its own.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "catalog.webhook.secret=" + ApiTestSupport.WEBHOOK_SECRET,
            "catalog.security.reload-rate-limit=1000",
            "catalog.security.reload-burst=1000",
            "catalog.security.webhook-rate-limit=1000",
            "catalog.security.webhook-burst=1000",
            "catalog.security.rejected-webhook-rate-limit=1000",
            "catalog.security.rejected-webhook-burst=1000",
            "catalog.sync.min-revision-wait=500ms",
            "catalog.security.tokens[0].principal=ci-bot",
            "catalog.security.tokens[0].role=editor",
            // SHA-256 of "ci-token"
            "catalog.security.tokens[0].sha256=948b8c2427cd29047839b8e4a27a08763f8befbafa86be5cce8e46217d75e58a"
        })
@ContextConfiguration(initializers = CatalogTestInitializer.class)
abstract class ApiTestSupport {

    static final String ADMIN = "admin-token";
    static final String EDITOR = "editor-token";
    static final String READER = "reader-token";
    static final String HASHED_EDITOR = "ci-token";
    static final String WEBHOOK_SECRET = "test-webhook-secret";
    static final String TOOLS = "/api/v1/tools";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    Api api;
    JdbcTemplate jdbc;

    @BeforeEach
    void connect() {
        api = new Api(port);
        jdbc = new JdbcTemplate(dataSource);
    }

    /** A tool name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String toolJson(String name, String description) {
        return """
                {"name": "%s", "description": "%s", "category": "search", "tags": ["text"],
                 "profiles": {"default": {"timeout_ms": 5000, "max_retries": 2, "cost_weight": 0.2,
                                          "latency_weight": 0.5, "quality_weight": 0.3,
                                          "parameters": {"flags": "-n"}}}}
                """
                .formatted(name, description);
    }

    /** Creates a tool through the API, as an editor; returns its name. */
    String createTool(String name) {
        Api.Reply reply = api.post(TOOLS)
                .token(EDITOR)
                .json(toolJson(name, "Tool " + name))
                .send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return name;
    }

    /** What the database holds, in numbers: unchanged means nothing was written. */
    DatabaseState database() {
        return new DatabaseState(
                jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM tools", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM tool_versions", Long.class),
                jdbc.queryForObject("SELECT count(*) FROM catalog_changes", Long.class));
    }

    /** {@code call} answers 400 naming {@code field}, with {@code detailPart}, and writes nothing. */
    void assertRefused(Api.Call call, String field, String detailPart) {
        var before = database();
        assertBadRequest(call.send(), field, detailPart);
        assertThat(database()).isEqualTo(before);
    }

    /** {@code call} answers a problem with {@code status}, and writes nothing. */
    void assertProblemWritingNothing(Api.Call call, int status) {
        var before = database();
        assertProblem(call.send(), status);
        assertThat(database()).isEqualTo(before);
    }

    long toolRows(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, name);
    }

    record DatabaseState(long revision, long tools, long versions, long changes) {}
}
