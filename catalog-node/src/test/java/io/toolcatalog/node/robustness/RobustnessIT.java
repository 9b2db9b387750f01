package io.toolcatalog.node.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivateRedis;
import io.toolcatalog.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The randomized history checker: three node processes with tiny reload thresholds, random clients
 * doing every kind of write and read through random nodes, faults on a seeded schedule (pub/sub
 * connections killed, Redis stopped, nodes SIGKILLed, PostgreSQL connections terminated, rows
 * edited by hand or made unreadable, forged channel messages, stalled readers, bursts of consumer
 * names), watchers and the Java client following the catalog throughout, rollouts started and moved
 * through a fourth, in-process node whose views of a set of consumers are sampled, then every
 * recorded answer, every watcher's event and every sampled view checked against the database's own
 * history. 60 s by default;
 * {@code -Drobustness.duration=10m} runs longer, {@code -Drobustness.seed=N} replays a seed,
 * {@code -Drobustness.faults.off=BAD_ROW,HAND_EDIT} leaves fault kinds out,
 * {@code -Drobustness.rollouts=false} runs no rollouts, {@code -Drobustness.ready=6m} gives the node
 * processes longer to start.
 */
class RobustnessIT {

    private static final Path OUT = Path.of("target", "robustness");
    /** How long a node process may take to start: {@code -Drobustness.ready=6m} on a crowded machine. */
    private static final Duration READY =
            RobustnessSettings.parseDuration(System.getProperty("robustness.ready", "3m"));

    private static final String ROLLOUT_NODE = "rollouts";

    private final List<HistoryCheck> checks = List.of(
            new AcknowledgedWritesCheck(),
            new RevertsCheck(),
            new SchemasInForceCheck(),
            new ReadsMatchHistoryCheck(),
            new MonotonicRevisionCheck(),
            new MinRevisionCheck(),
            new ServerErrorCheck(),
            new DatabaseInvariantCheck());

    @Test
    void everyAnswerAgreesWithTheDatabaseHistoryWhileFaultsHitTheCluster() throws Exception {
        RobustnessSettings settings = RobustnessSettings.fromSystemProperties();
        System.out.println("Randomized history checker: seed " + settings.seed() + ", " + settings.duration());
        Path jar = Path.of(System.getProperty("robustness.jar", "target/catalog-node.jar"));
        assertThat(jar).as("the packaged node: run the package phase first").exists();
        Path dir = OUT.resolve("seed-" + settings.seed());
        Files.createDirectories(dir);

        String jdbcUrl = TestInfrastructure.newSchemaUrl();
        String applicationNamePrefix = "rb-" + TestInfrastructure.schemaOf(jdbcUrl) + "-";
        String clusterName = TestInfrastructure.newClusterName();
        try (PrivateRedis redis = PrivateRedis.server()) {
            List<NodeProcess> nodes = new ArrayList<>();
            for (int i = 0; i < settings.nodes(); i++) {
                String id = NodeNames.id(i);
                Map<String, String> properties =
                        nodeProperties(settings, jdbcUrl, clusterName, id, redis.url(), applicationNamePrefix + id);
                nodes.add(new NodeProcess(id, jar, properties, dir));
            }
            try {
                startAll(nodes);
                RunReport report = run(settings, nodes, redis, jdbcUrl, applicationNamePrefix, clusterName, dir);
                report.write(dir);
                System.out.println(report.summary());
                if (!report.passed()) {
                    fail(report.summary() + "\n" + report.firstViolation() + "\nEvery operation: "
                            + dir.resolve("operations.jsonl"));
                }
            } finally {
                nodes.forEach(NodeProcess::stop);
            }
        }
    }

    private RunReport run(
            RobustnessSettings settings,
            List<NodeProcess> nodes,
            PrivateRedis redis,
            String jdbcUrl,
            String applicationNamePrefix,
            String clusterName,
            Path dir)
            throws Exception {
        ChangeLogTap tap = new ChangeLogTap(jdbcUrl);
        tap.start();
        Recorder recorder = new Recorder(System.nanoTime());
        HandEditor editor = new HandEditor(jdbcUrl, nodes, recorder, TestNodes.ADMIN_TOKEN);
        FaultInjector faults = new FaultInjector(
                FaultSchedule.draw(settings.seed(), settings.duration(), nodes.size(), settings.faultsOff()),
                new Servers(nodes, redis, TestInfrastructure.postgresUrl(), applicationNamePrefix),
                recorder,
                new CatalogFaults(
                        editor,
                        new ForgedMessages(redis.port(), clusterName, editor::revision),
                        new StalledReaders(),
                        new ConsumerBurst(recorder, TestNodes.ADMIN_TOKEN)));
        ExecutorService clients = Executors.newFixedThreadPool(settings.clients());
        Watchers watchers = new Watchers(nodes, settings.seed(), dir, recorder);
        boolean withRollouts = Boolean.parseBoolean(System.getProperty("robustness.rollouts", "true"));
        // the rollouts' node: its Rollouts moves them, its snapshots are sampled in each consumer's view
        TestNodes.Node rolloutNode = withRollouts
                ? TestNodes.start(
                        jdbcUrl,
                        clusterName,
                        ROLLOUT_NODE,
                        nodeProperties(
                                settings,
                                jdbcUrl,
                                clusterName,
                                ROLLOUT_NODE,
                                redis.url(),
                                applicationNamePrefix + ROLLOUT_NODE))
                : null;
        ViewSampler sampler = withRollouts
                ? new ViewSampler(rolloutNode.bean(CatalogReloader.class), rolloutNode.bean(ToolJson.class), recorder)
                : null;
        RolloutOperator operator = withRollouts
                ? new RolloutOperator(
                        rolloutNode.bean(Rollouts.class),
                        rolloutNode.baseUrl(),
                        TestNodes.ADMIN_TOKEN,
                        recorder,
                        settings.seed() * 31 + 7,
                        settings.toolNames())
                : null;
        ConsumerReader reader = withRollouts
                ? new ConsumerReader(nodes, recorder, settings.seed() * 17 + 3, settings.toolNames())
                : null;
        try {
            return run(
                    settings, nodes, jdbcUrl, tap, recorder, editor, faults, clients, watchers, sampler, operator,
                    reader, dir);
        } finally {
            if (rolloutNode != null) {
                rolloutNode.close();
            }
        }
    }

    private RunReport run(
            RobustnessSettings settings,
            List<NodeProcess> nodes,
            String jdbcUrl,
            ChangeLogTap tap,
            Recorder recorder,
            HandEditor editor,
            FaultInjector faults,
            ExecutorService clients,
            Watchers watchers,
            ViewSampler sampler,
            RolloutOperator operator,
            ConsumerReader reader,
            Path dir)
            throws Exception {
        try {
            watchers.start();
            if (sampler != null) {
                sampler.start();
                operator.start();
                reader.start();
            }
            faults.start();
            int maxOperations =
                    (int) Math.min(Integer.MAX_VALUE, settings.duration().toSeconds() * 500);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < settings.clients(); i++) {
                running.add(clients.submit(new RandomClient(
                        i,
                        settings.seed() * 1_000_003L + i,
                        nodes,
                        recorder,
                        settings,
                        TestNodes.ADMIN_TOKEN,
                        maxOperations)));
            }
            for (Future<?> client : running) {
                client.get(settings.duration().plus(RecordedRequest.TIMEOUT).toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
            if (operator != null) {
                operator.close();
            }
            faults.stopAndHeal();
        }
        if (operator != null) {
            operator.settle();
        }
        DatabaseHistory history;
        RolloutHistory rolloutHistory;
        List<Violation> violations = new ArrayList<>();
        try (watchers) {
            faults.closing(settings);
            if (sampler != null) {
                sampler.close();
                reader.close();
            }
            history = DatabaseHistory.read(jdbcUrl, tap.finish(), editor.edits());
            rolloutHistory = sampler == null ? null : RolloutHistory.read(jdbcUrl, history.revision());
            violations.addAll(ConvergenceCheck.check(nodes, history, Duration.ofSeconds(30)));
            violations.addAll(WatchersSettle.check(watchers.all(), history, rolloutHistory, Duration.ofSeconds(20)));
        }
        List<Operation> operations = recorder.operations();
        for (HistoryCheck check : checks) {
            violations.addAll(check.check(operations, history));
        }
        for (Watcher watcher : watchers.all()) {
            violations.addAll(WatchHistoryCheck.check(watcher, history, rolloutHistory));
        }
        List<String> rollouts = new ArrayList<>();
        if (sampler != null) {
            violations.addAll(RolloutViewsCheck.check(sampler.samples(), operator.outcomes(), history, rolloutHistory));
            rollouts.add(rolloutHistory.rollouts().size() + " rollouts, " + rolloutHistory.summary());
            rollouts.addAll(operator.summary());
            rollouts.addAll(RolloutViewsCheck.summary(sampler.samples()));
            List<ConsumerReader.Read> reads = reader.reads();
            violations.addAll(ConsumerReadsCheck.check(reads, history, rolloutHistory));
            rollouts.add(reads.size() + " consumer reads over HTTP, by view "
                    + reads.stream()
                            .collect(java.util.stream.Collectors.groupingBy(
                                    r -> String.valueOf(r.view()),
                                    TreeMap::new,
                                    java.util.stream.Collectors.counting())));
        }
        watchers.write(dir);
        return new RunReport(settings, operations, faults.log(), watchers.summary(), rollouts, history, violations);
    }

    /** One at a time at first: the first node migrates the schema, then the others start together. */
    private static void startAll(List<NodeProcess> nodes) {
        nodes.get(0).start();
        nodes.get(0).awaitReady(READY);
        nodes.subList(1, nodes.size()).forEach(NodeProcess::start);
        nodes.subList(1, nodes.size()).forEach(n -> n.awaitReady(READY));
    }

    private static Map<String, String> nodeProperties(
            RobustnessSettings settings,
            String jdbcUrl,
            String clusterName,
            String id,
            String redisUrl,
            String applicationName) {
        Map<String, String> p = new HashMap<>(TestNodes.properties(jdbcUrl, clusterName, id));
        // the name pg_terminate_backend finds this node's connections by, whichever pool opens them
        p.put("spring.datasource.url", jdbcUrl + "&ApplicationName=" + applicationName);
        p.put("spring.data.redis.url", redisUrl);
        p.put("catalog.sync.full-reload-threshold", String.valueOf(settings.fullReloadThreshold()));
        p.put("catalog.sync.change-log-retention", "10s");
        p.put("catalog.security.reload-rate-limit", "1000");
        return p;
    }
}
