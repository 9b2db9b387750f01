package io.toolcatalog.node.catalog;

import com.zaxxer.hikari.HikariDataSource;
import io.toolcatalog.core.reload.SyncProperties;
import java.time.Duration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The node's own connections for catch-up and the revision poll ({@code catalog.sync.connections}):
 * however busy the writers are, the node's sync never queues behind them.
 */
final class SyncConnections implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager txManager;

    SyncConnections(DataSourceProperties database, SyncProperties sync) {
        // a read slower than the staleness bound leaves the node stale anyway: let it fail and retry
        this.dataSource = PrivatePool.open(
                "catalog-sync",
                database,
                sync.connections(),
                1,
                Duration.ofSeconds(2),
                Duration.ofMillis(Math.max(1_000, sync.maxStaleness().toMillis())));
        this.jdbc = new JdbcTemplate(dataSource);
        this.txManager = new DataSourceTransactionManager(dataSource);
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    PlatformTransactionManager txManager() {
        return txManager;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
