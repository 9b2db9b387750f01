package io.toolcatalog.node.catalog;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * A small connection pool of a node's own purpose (its sync, the watch stream's reads), apart from
 * the writers' pool so it never queues behind them. Not a {@code DataSource} bean, so Spring Boot's
 * own pool, template and transaction manager stay as they are.
 */
public final class PrivatePool {

    private PrivatePool() {}

    /**
     * A pool named {@code name} of at most {@code size} connections to the configured database,
     * connecting on first use (the node may start while PostgreSQL is down), each statement bounded
     * by {@code statementTimeout}, reconnecting as {@link ReconnectingDataSource} says.
     */
    public static HikariDataSource open(
            String name,
            DataSourceProperties database,
            int size,
            int minimumIdle,
            Duration connectionTimeout,
            Duration statementTimeout) {
        // not started until first used (then without waiting for a connection: the node may start
        // while PostgreSQL is down), so that the reconnecting data source goes in before
        HikariDataSource config = new HikariDataSource();
        config.setPoolName(name);
        config.setJdbcUrl(database.determineUrl());
        config.setUsername(database.determineUsername());
        config.setPassword(database.determinePassword());
        config.setMaximumPoolSize(Math.max(1, size));
        config.setMinimumIdle(minimumIdle);
        config.setConnectionTimeout(Math.max(250, connectionTimeout.toMillis()));
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql("SET statement_timeout = " + Math.max(1, statementTimeout.toMillis()));
        ReconnectingDataSource.install(config);
        return config;
    }
}
