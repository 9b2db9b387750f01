package io.toolcatalog.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * Where tests find PostgreSQL and Redis: {@code CATALOG_TEST_JDBC_URL} /
 * {@code CATALOG_TEST_REDIS_URL}, else Testcontainers when Docker runs, else embedded servers.
 * Each caller gets its own schema and its own Redis key prefix, so tests never see each other's data.
 */
public final class TestInfrastructure {

    /** Schemas and Redis prefixes older than this were left by earlier runs and are removed. */
    private static final Duration STALE = Duration.ofHours(2);

    private static String postgresUrl;
    private static String redisUrl;
    private static boolean swept;

    private TestInfrastructure() {}

    /** A JDBC URL whose default schema is new and empty. */
    public static synchronized String newSchemaUrl() {
        String base = postgresUrl();
        sweepEarlierRuns(base);
        String schema = "t_" + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(base, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test schema in " + base, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The schema a {@link #newSchemaUrl()} URL points at. */
    public static String schemaOf(String url) {
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    /** A Redis key prefix (cluster name) no other test uses. */
    public static String newClusterName() {
        return "test-" + Instant.now().getEpochSecond() + "-"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /**
     * Drops the schemas and Redis keys that test runs over {@link #STALE} ago left behind (their
     * names carry their creation time), so a machine that runs CI again and again does not fill up.
     * Younger ones may belong to a run still going and are left alone.
     */
    private static void sweepEarlierRuns(String base) {
        if (swept) {
            return;
        }
        swept = true;
        long cutoff = Instant.now().minus(STALE).getEpochSecond();
        try (Connection c = DriverManager.getConnection(base, "postgres", "");
                Statement s = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 't\\_%'")) {
                while (rs.next()) {
                    if (createdBefore(rs.getString(1), "t_", "_", cutoff)) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            for (String schema : stale) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not sweep old test schemas: " + e);
        }
        RedisClient client = RedisClient.create(redisUrl());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<String> stale = new ArrayList<>();
            for (String key : redis.sync().keys("test-*")) {
                if (createdBefore(key, "test-", "-", cutoff)) {
                    stale.add(key);
                }
            }
            if (!stale.isEmpty()) {
                redis.sync().del(stale.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            System.err.println("Could not sweep old test keys: " + e);
        } finally {
            client.shutdown();
        }
    }

    private static boolean createdBefore(String name, String prefix, String separator, long cutoff) {
        int end = name.indexOf(separator, prefix.length());
        try {
            return end > 0 && Long.parseLong(name.substring(prefix.length(), end)) < cutoff;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static synchronized String postgresUrl() {
        if (postgresUrl == null) {
            postgresUrl = System.getenv("CATALOG_TEST_JDBC_URL");
        }
        if (postgresUrl == null && dockerRuns()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine")
                    .withUsername("postgres")
                    .withPassword("");
            container.start();
            postgresUrl = container.getJdbcUrl();
        }
        if (postgresUrl == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                postgresUrl = postgres.getJdbcUrl("postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgresUrl;
    }

    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            redisUrl = System.getenv("CATALOG_TEST_REDIS_URL");
        }
        if (redisUrl == null && dockerRuns()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            redisUrl = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        if (redisUrl == null) {
            int port = Ports.free();
            try {
                RedisServer.newRedisServer()
                        .port(port)
                        .setting("bind 127.0.0.1")
                        .build()
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            redisUrl = "redis://127.0.0.1:" + port;
        }
        return redisUrl;
    }

    private static boolean dockerRuns() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
