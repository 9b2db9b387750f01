package io.toolcatalog.node.watch;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.toolcatalog.api.watch.WatchDatabase;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ChangeSpan;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watch stream's reads of PostgreSQL on a pool of its own ({@code catalog-watch}, {@code
 * catalog.watch.database-connections}), each under {@code catalog.watch.database-timeout}:
 * anonymous watchers never take a connection writers are waiting for. Not a {@code DataSource}
 * bean, so Spring Boot's own pool stays the only one it configures.
 */
final class PostgresWatchDatabase implements WatchDatabase, AutoCloseable {

    private final HikariDataSource dataSource;
    private final ChangeLog changes;

    PostgresWatchDatabase(DataSourceProperties database, WatchProperties watch) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog-watch");
        config.setJdbcUrl(database.determineUrl());
        config.setUsername(database.determineUsername());
        config.setPassword(database.determinePassword());
        config.setMaximumPoolSize(Math.max(1, watch.databaseConnections()));
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, watch.databaseTimeout().toMillis()));
        // the node may start while PostgreSQL is down: connect on first use, not now
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql(
                "SET statement_timeout = " + Math.max(1, watch.databaseTimeout().toMillis()));
        this.dataSource = new HikariDataSource(config);
        this.changes = new ChangeLog(new JdbcTemplate(dataSource));
    }

    @Override
    public long revision() {
        return changes.currentRevision();
    }

    @Override
    public ChangeSpan changes(long after, long upTo) {
        return changes.span(after, upTo);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
