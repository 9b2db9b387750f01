package io.toolcatalog.node.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.toolcatalog.core.reload.SyncProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The node's own connections for catch-up and the revision poll ({@code catalog.sync.connections}),
 * apart from the pool writers and database reads use: however busy the writers are, the node's
 * sync never queues behind them. Deliberately not a {@code DataSource} bean, so Spring Boot's own
 * pool, template and transaction manager stay as they are.
 */
final class SyncConnections implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager txManager;

    SyncConnections(DataSourceProperties database, SyncProperties sync) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog-sync");
        config.setJdbcUrl(database.determineUrl());
        config.setUsername(database.determineUsername());
        config.setPassword(database.determinePassword());
        config.setMaximumPoolSize(Math.max(1, sync.connections()));
        config.setMinimumIdle(1);
        config.setConnectionTimeout(2_000);
        // the node may start while PostgreSQL is down: connect on first use, not now
        config.setInitializationFailTimeout(-1);
        // a read slower than the staleness bound leaves the node stale anyway: let it fail and retry
        config.setConnectionInitSql(
                "SET statement_timeout = " + Math.max(1_000, sync.maxStaleness().toMillis()));
        this.dataSource = new HikariDataSource(config);
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
