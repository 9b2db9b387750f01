package io.toolcatalog.node.devservices;

import io.toolcatalog.core.concurrent.Threads;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import redis.embedded.RedisServer;

/**
 * With {@code catalog.dev-services.enabled=true} (what {@code spring-boot:run} sets), starts an
 * embedded PostgreSQL and an embedded Redis for whichever of the two is not configured, so a fresh
 * clone runs with one command. PostgreSQL keeps its data in {@code catalog.dev-services.data-dir}
 * (default {@code .data}), so a restart keeps the catalog. The jar never does this unless asked.
 */
public final class DevServices implements EnvironmentPostProcessor, Ordered {

    private static final int POSTGRES_PORT = 54329;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("catalog.dev-services.enabled", Boolean.class, false)) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        Path dataDir = Path.of(env.getProperty("catalog.dev-services.data-dir", ".data"))
                .toAbsolutePath();
        if (!env.containsProperty("spring.datasource.url")) {
            EmbeddedPostgres postgres = startPostgres(dataDir.resolve("postgres"));
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            log("PostgreSQL", "port " + postgres.getPort() + ", data in " + dataDir.resolve("postgres"));
        }
        if (!env.containsProperty("spring.data.redis.url")
                && !env.containsProperty("spring.data.redis.host")
                && !env.containsProperty("spring.data.redis.sentinel.master")) {
            int port = freePort();
            startRedis(port);
            properties.put("spring.data.redis.url", "redis://127.0.0.1:" + port);
            log("Redis", "port " + port);
        }
        env.getPropertySources().addFirst(new MapPropertySource("catalogDevServices", properties));
    }

    /** Before the config data is read is too early; right after it, so configured URLs win. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static EmbeddedPostgres startPostgres(Path dir) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPort(POSTGRES_PORT)
                    .start();
            Runtime.getRuntime()
                    .addShutdownHook(Threads.named("dev-postgres-stop", false).newThread(() -> close(postgres)));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static void startRedis(int port) {
        try {
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            Runtime.getRuntime()
                    .addShutdownHook(Threads.named("dev-redis-stop", false).newThread(() -> {
                        try {
                            redis.stop();
                        } catch (IOException ignored) {
                            // stopping at JVM exit: nothing left to do
                        }
                    }));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis on port " + port, e);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // stopping at JVM exit: nothing left to do
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String what, String where) {
        // logging is not set up yet while the environment is prepared
        System.out.println("[dev-services] embedded " + what + " started: " + where);
    }
}
