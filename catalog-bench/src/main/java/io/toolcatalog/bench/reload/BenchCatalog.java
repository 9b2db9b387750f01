package io.toolcatalog.bench.reload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The core, wired by hand over its own PostgreSQL schema, seeded with {@code size} tools: what the
 * in-process benchmarks run against. {@link #close()} drops the schema.
 */
public final class BenchCatalog implements AutoCloseable {

    /** The environment variable (or system property {@code bench.jdbc}) naming the database. */
    public static final String JDBC_ENV = "CATALOG_TEST_JDBC_URL";

    static final String PROFILES =
            """
            {"default": {"timeout_ms": 5000, "max_retries": 2, "cost_weight": 0.2, "latency_weight": 0.5,
                         "quality_weight": 0.3, "parameters": {"flags": "-n"}},
             "fast": {"timeout_ms": 500, "max_retries": 0, "cost_weight": 0.1, "latency_weight": 0.8,
                      "quality_weight": 0.1}}""";

    private static final String SEED =
            """
            INSERT INTO tools (name, description, category, tags, enabled, profiles, version, revision,
                               created_at, created_by, updated_at, updated_by)
            SELECT 'tool-' || lpad(i::text, 6, '0'), 'Benchmark tool number ' || i || ': searches text by pattern',
                   'category-' || (i % 10), ARRAY['bench', 'tag-' || (i % 7)], true, CAST(? AS jsonb), 1, 1,
                   now(), 'bench', now(), 'bench'
            FROM generate_series(1, ?) AS i
            """;

    private final String baseUrl;
    private final String schema;
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final CatalogReads reads;
    private final CatalogEditor editor;
    private final int size;

    private BenchCatalog(String baseUrl, String schema, int size) {
        this.baseUrl = baseUrl;
        this.schema = schema;
        this.size = size;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-" + schema);
        this.dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        this.jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager txManager = new DataSourceTransactionManager(dataSource);
        ToolJson json = new ToolJson();
        ToolStore tools = new ToolStore(jdbc, json);
        ChangeLog changes = new ChangeLog(jdbc);
        this.reads = new CatalogReads(jdbc, json, txManager);
        // the editor stands for another node: it applies its own writes to its own reloader, loaded
        // once here so that its catch-ups in a benchmark's setup stay small
        CatalogReloader writer = newReloader("writer");
        this.editor = new CatalogEditor(
                new TransactionTemplate(txManager),
                tools,
                new ToolVersionStore(jdbc, json),
                changes,
                new ToolValidator(CatalogLimits.defaults(), json),
                new ChangePropagation(ReloadBroadcaster.none(), writer),
                "writer",
                Clock.systemUTC());
        jdbc.update(SEED, PROFILES, size);
        jdbc.update("UPDATE catalog_state SET revision = 1 WHERE id = 1");
        jdbc.execute("ANALYZE");
        writer.reload(fullReload());
    }

    /** A new schema named {@code bench_<run>_<random>} in the database of {@link #jdbcUrl()}, seeded. */
    public static BenchCatalog create(int size) {
        String base = jdbcUrl();
        String schema = "bench_" + runId() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        exec(base, "CREATE SCHEMA " + schema);
        try {
            return new BenchCatalog(base, schema, size);
        } catch (RuntimeException e) {
            exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            throw e;
        }
    }

    public static String jdbcUrl() {
        String url = System.getProperty("bench.jdbc", System.getenv(JDBC_ENV));
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test" : url;
    }

    /** Names this run's schemas, so {@code bench/run} can drop what a crashed fork left. */
    static String runId() {
        String id = System.getProperty("bench.runId", System.getenv("BENCH_RUN_ID"));
        return (id == null || id.isBlank() ? "adhoc" : id)
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
    }

    /** A reloader as a node builds it, with no handlers and no history sinks; not yet loaded. */
    public CatalogReloader newReloader(String nodeId) {
        return new CatalogReloader(
                reads,
                List.of(),
                List.of(),
                new NodeIdentity(nodeId, "http://127.0.0.1", Clock.systemUTC().instant()),
                SyncProperties.defaults(),
                Clock.systemUTC(),
                Runnable::run,
                Sleeper.real());
    }

    public static ReloadRequest fullReload() {
        return ReloadRequest.of(ReloadTrigger.MANUAL, "bench", "benchmark");
    }

    /** Changes one tool's description (a new revision, committed and logged) through the editor. */
    public void touch(int toolNumber, long stamp) {
        editor.update(
                toolName(toolNumber),
                ToolDraft.onlyDescription("Benchmark tool, edit " + stamp),
                null,
                Actor.of("bench"));
    }

    public static String toolName(int number) {
        return "tool-" + String.format("%06d", number);
    }

    public int size() {
        return size;
    }

    public CatalogReads reads() {
        return reads;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public String schema() {
        return schema;
    }

    @Override
    public void close() {
        dataSource.close();
        exec(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }
}
