package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.write.WriteTransactions;
import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A write whose connection dies while it commits gets the real answer, never a 500: the node looks
 * its change up by {@code reload_id} on a fresh connection. Killed during the commit (a deferred
 * trigger holds the commit open while the test runs {@code pg_terminate_backend}): nothing was
 * written, 503. Committed, but the acknowledgement lost on the way back: 201 with the tool.
 */
@SpringBootTest(
        classes = CatalogNodeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "catalog.writes.statement-timeout=5s")
@ContextConfiguration(initializers = CatalogTestInitializer.class)
@Import(WriteOutcomeIT.LostAcknowledgements.class)
class WriteOutcomeIT {

    /** Names this node's writer connections in {@code pg_stat_activity}, so the test kills only them. */
    private static final String APPLICATION =
            "write-outcome-" + UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void applicationName(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.data-source-properties.ApplicationName", () -> APPLICATION);
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    CatalogReloader reloader;

    @Autowired
    WriteTransactions writes;

    JdbcTemplate jdbc;
    Api api;

    @BeforeEach
    void connect() {
        jdbc = new JdbcTemplate(dataSource);
        api = new Api(port);
        jdbc.execute(
                """
                CREATE OR REPLACE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$
                """);
        jdbc.execute(
                """
                CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON catalog_changes
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (NEW.tool_names[1] LIKE 'slow-%') EXECUTE FUNCTION slow_commit()
                """);
        jdbc.execute(
                """
                CREATE OR REPLACE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(30); RETURN NEW; END $$
                """);
        jdbc.execute(
                """
                CREATE OR REPLACE TRIGGER slow_insert BEFORE INSERT ON tools
                FOR EACH ROW WHEN (NEW.name LIKE 'sleepy-%') EXECUTE FUNCTION slow_insert()
                """);
    }

    @AfterEach
    void dropTrigger() {
        LostAcknowledgements.armed.set(false);
        jdbc.execute("DROP TRIGGER IF EXISTS slow_commit ON catalog_changes");
        jdbc.execute("DROP TRIGGER IF EXISTS slow_insert ON tools");
    }

    private Api.Reply create(String name) {
        return api.post("/api/v1/tools")
                .token(ApiTestSupport.EDITOR)
                .json(ApiTestSupport.toolJson(name, "Tool " + name))
                .send();
    }

    private long revision() {
        return jdbc.queryForObject("SELECT revision FROM catalog_state WHERE id = 1", Long.class);
    }

    @Test
    void aWriteKilledWhileCommittingAnswers503AndNothingIsWritten() {
        String name = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        long before = revision();

        CompletableFuture<Api.Reply> write = CompletableFuture.supplyAsync(() -> create(name));
        List<Integer> committing = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.queryForList(
                                "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND wait_event = 'PgSleep'",
                                Integer.class,
                                APPLICATION),
                        pids -> pids.size() == 1);
        jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, committing.get(0));
        Api.Reply reply = write.join();

        assertProblem(reply, 503);
        assertThat(reply.header("Retry-After")).isPresent();
        assertThat(reply.json().path("detail").asText()).contains("nothing was written");
        assertThat(revision()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, name))
                .isZero();
        assertThat(create("after-kill-" + UUID.randomUUID().toString().substring(0, 8))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aWriteStatementRunningPastTheStatementTimeoutAnswers503AndNothingIsWritten() {
        String name = "sleepy-" + UUID.randomUUID().toString().substring(0, 8);
        long before = revision();

        Api.Reply reply = create(name);

        assertProblem(reply, 503);
        assertThat(reply.header("Retry-After")).isPresent();
        assertThat(reply.json().path("detail").asText()).contains("nothing was written");
        assertThat(revision()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tools WHERE name = ?", Long.class, name))
                .isZero();
    }

    @Test
    void aWriteCommittedWhoseAcknowledgementWasLostAnswersAsCommitted() {
        String name = "acked-" + UUID.randomUUID().toString().substring(0, 8);
        long before = revision();
        LostAcknowledgements.armed.set(true);

        Api.Reply reply = create(name);

        assertThat(LostAcknowledgements.armed)
                .as("the commit's answer was lost")
                .isFalse();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("name").asText()).isEqualTo(name);
        assertThat(reply.json().path("revision").asLong()).isEqualTo(before + 1);
        assertThat(revision()).isEqualTo(before + 1);
        assertThat(reloader.snapshot().tool(name)).isPresent();
        assertThat(writes.count(WriteTransactions.Fault.COMMITTED_AFTER_ALL)).isPositive();
    }

    /** The next commit goes through, then its acknowledgement is "lost" as if the connection dropped. */
    @TestConfiguration
    static class LostAcknowledgements {

        static final AtomicBoolean armed = new AtomicBoolean();

        @Bean
        static BeanPostProcessor loseNextCommitAcknowledgement() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource) || bean instanceof DelegatingDataSource) {
                        return bean;
                    }
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws SQLException {
                            return wrap(super.getConnection());
                        }
                    };
                }
            };
        }

        private static Connection wrap(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        try {
                            Object result = method.invoke(connection, args);
                            if (method.getName().equals("commit") && armed.compareAndSet(true, false)) {
                                throw new SQLException(
                                        "An I/O error occurred while sending to the backend (test)", "08006");
                            }
                            return result;
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
