package io.toolcatalog.node.catalog;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.Membership;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.concurrent.Threads;
import io.toolcatalog.core.history.HistoryStore;
import io.toolcatalog.core.history.LocalReloadHistory;
import io.toolcatalog.core.history.ReloadEventListener;
import io.toolcatalog.core.history.ReloadHistory;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.reload.CatalogSync;
import io.toolcatalog.core.reload.ChangePropagation;
import io.toolcatalog.core.reload.ClusterReloads;
import io.toolcatalog.core.reload.MinRevisionGate;
import io.toolcatalog.core.reload.PeriodicRefresh;
import io.toolcatalog.core.reload.ReloadHandler;
import io.toolcatalog.core.reload.ReloadOutcomes;
import io.toolcatalog.core.reload.ReloadProperties;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.CatalogReads;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.CommittedCatalog;
import io.toolcatalog.core.store.ProfileSchemaStore;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.tool.CatalogLimits;
import io.toolcatalog.core.tool.JsonSchemas;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ChangeLogWriter;
import io.toolcatalog.core.write.Commits;
import io.toolcatalog.core.write.WriteProperties;
import io.toolcatalog.core.write.WriteTransactions;
import io.toolcatalog.node.cluster.ClusterProperties;
import io.toolcatalog.node.cluster.NodeProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the core: stores, the reloader and its schedule (on connections of its own), the editor
 * and its write admission.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    CatalogLimits.class,
    SyncProperties.class,
    ReloadProperties.class,
    NodeProperties.class,
    WriteProperties.class
})
class CatalogConfiguration {

    /** Reports of swaps that may wait for the report thread; past it they are folded (see CatalogReloader). */
    private static final int REPORTS_WAITING = 10_000;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    NodeIdentity nodeIdentity(NodeProperties properties, @Value("${server.port:8080}") int port, Clock clock) {
        String host = hostName();
        String suffix = port == 0 ? UUID.randomUUID().toString().substring(0, 8) : String.valueOf(port);
        String id = properties.id() != null && !properties.id().isBlank() ? properties.id() : host + ":" + suffix;
        String address = properties.address() != null ? properties.address() : "http://" + host + ":" + port;
        return new NodeIdentity(id, address, clock.instant());
    }

    @Bean
    ToolJson toolJson() {
        return new ToolJson();
    }

    /** Every write checks profiles against the schemas in force, read under the revision row lock. */
    @Bean
    ToolValidator toolValidator(CatalogLimits limits, ToolJson json, JdbcTemplate jdbc) {
        return new ToolValidator(limits, json, new ProfileSchemaStore(jdbc, json, new JsonSchemas()));
    }

    @Bean
    ToolStore toolStore(JdbcTemplate jdbc, ToolJson json) {
        return new ToolStore(jdbc, json);
    }

    @Bean
    ToolVersionStore toolVersionStore(JdbcTemplate jdbc, ToolJson json) {
        return new ToolVersionStore(jdbc, json);
    }

    @Bean
    ChangeLog changeLog(JdbcTemplate jdbc) {
        return new ChangeLog(jdbc);
    }

    /** The writers' pool (Spring Boot's) reconnects like the node's own pools: {@link ReconnectingDataSource}. */
    @Bean
    static BeanPostProcessor reconnectingWritersPool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    ReconnectingDataSource.install(pool);
                }
                return bean;
            }
        };
    }

    @Bean(destroyMethod = "close")
    SyncConnections syncConnections(DataSourceProperties database, SyncProperties sync) {
        return new SyncConnections(database, sync);
    }

    /** What catch-up and the poll read, on the sync connections (stores of their own). */
    @Bean
    CatalogReads catalogReads(SyncConnections connections, ToolJson json) {
        return new CatalogReads(connections.jdbc(), json, connections.txManager());
    }

    /** The same reads, watched for database outages: what the reloader, the poll and the gate use. */
    @Bean
    DatabaseWatch databaseWatch(CatalogReads reads, Clock clock) {
        return new DatabaseWatch(reads, clock);
    }

    @Bean
    SchemaMigrations schemaMigrations() {
        return new SchemaMigrations();
    }

    @Bean
    MinRevisionGate minRevisionGate(CatalogReloader reloader, DatabaseWatch reads, SyncProperties sync) {
        return new MinRevisionGate(reloader, reads, sync);
    }

    @Bean
    WriteTransactions writeTransactions(TransactionTemplate tx, ChangeLog changes, WriteProperties writes) {
        return new WriteTransactions(tx, changes, writes, Sleeper.real());
    }

    @Bean
    LocalReloadHistory localReloadHistory(ReloadProperties reload, NodeIdentity node) {
        return new LocalReloadHistory(reload.historySize(), node);
    }

    /** One thread applies doorbells: catch-ups are single-flight anyway. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService catchUpExecutor() {
        return Executors.newSingleThreadExecutor(Threads.named("catalog-catch-up", true));
    }

    /**
     * What follows each swap (reload handlers, the reload event, its log line, history), in the
     * order of the swaps, off the applying threads; the reloader keeps at most one task queued here.
     * {@code shutdown}, not {@code shutdownNow}: reports already queued still run.
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService reloadReportExecutor() {
        return Executors.newSingleThreadExecutor(Threads.named("catalog-reports", true));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService catalogScheduler() {
        return Executors.newScheduledThreadPool(2, Threads.named("catalog-sync", true));
    }

    @Bean
    ReloadMetrics reloadMetrics(MeterRegistry registry) {
        return new ReloadMetrics(registry);
    }

    @Bean
    CatalogReloader catalogReloader(
            DatabaseWatch reads,
            ObjectProvider<ReloadHandler> handlers,
            ObjectProvider<ReloadEventListener> eventListeners,
            NodeIdentity node,
            SyncProperties sync,
            Clock clock,
            ExecutorService catchUpExecutor,
            ExecutorService reloadReportExecutor,
            MeterRegistry registry,
            ClusterProperties cluster) {
        CatalogReloader reloader = new CatalogReloader(
                reads,
                handlers.orderedStream().toList(),
                eventListeners.orderedStream().toList(),
                node,
                sync,
                clock,
                catchUpExecutor,
                Sleeper.real(),
                cluster.carriesChanges(),
                reloadReportExecutor,
                REPORTS_WAITING);
        ReloadMetrics.bind(reloader, registry);
        return reloader;
    }

    @Bean
    CatalogSync catalogSync(
            CatalogReloader reloader,
            ScheduledExecutorService catalogScheduler,
            SyncProperties sync,
            SchemaMigrations migrations,
            MeterRegistry meters) {
        CatalogSync catalogSync = new CatalogSync(reloader, Scheduler.of(catalogScheduler), sync, migrations::ensure);
        FunctionCounter.builder("catalog.sync.poll.failures", catalogSync, CatalogSync::pollFailures)
                .description("Revision polls that failed because the database did not answer")
                .register(meters);
        return catalogSync;
    }

    @Bean
    PeriodicRefresh periodicRefresh(
            CatalogReloader reloader, ScheduledExecutorService catalogScheduler, ReloadProperties reload) {
        return new PeriodicRefresh(reloader, Scheduler.of(catalogScheduler), reload);
    }

    @Bean
    ChangeLogRetention changeLogRetention(
            ChangeLog changeLog, ScheduledExecutorService catalogScheduler, SyncProperties sync, Clock clock) {
        return new ChangeLogRetention(changeLog, Scheduler.of(catalogScheduler), sync, clock);
    }

    /** How every change is committed and announced: the editor's, a change request's and a rollout's. */
    @Bean
    Commits commits(
            WriteTransactions writes,
            ChangeLog changes,
            ToolStore tools,
            CatalogReloader reloader,
            ReloadBroadcaster broadcaster,
            NodeIdentity node,
            Clock clock) {
        return new Commits(
                writes,
                new ChangeLogWriter(changes, node.nodeId(), clock),
                tools,
                new ChangePropagation(broadcaster, reloader));
    }

    @Bean
    CatalogEditor catalogEditor(
            Commits commits, ToolStore tools, ToolVersionStore versions, ChangeLog changes, ToolValidator validator) {
        return new CatalogEditor(commits, tools, versions, changes, validator);
    }

    @Bean
    CommittedCatalog committedCatalog(ChangeLog changes, ToolVersionStore versions) {
        return new CommittedCatalog(changes, versions);
    }

    @Bean
    ReloadHistory reloadHistory(HistoryStore history) {
        return new ReloadHistory(history);
    }

    @Bean
    ClusterReloads clusterReloads(
            CatalogReloader reloader, ReloadBroadcaster broadcaster, HistoryStore history, Membership membership) {
        return new ClusterReloads(reloader, broadcaster, new ReloadOutcomes(history, membership, Sleeper.real()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
