package io.toolcatalog.node.watch;

import com.zaxxer.hikari.HikariDataSource;
import io.toolcatalog.api.watch.WatchDatabase;
import io.toolcatalog.api.watch.WatchProperties;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ChangeSpan;
import io.toolcatalog.node.catalog.PrivatePool;
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
        this.dataSource = PrivatePool.open(
                "catalog-watch",
                database,
                watch.databaseConnections(),
                0,
                watch.databaseTimeout(),
                watch.databaseTimeout());
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
