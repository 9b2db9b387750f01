package io.toolcatalog.node.catalog;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Opens a pool's connections so that the pool is back within {@link #PACE} of PostgreSQL answering
 * again (a restart, a standby promoted): while the database cannot be reached, one attempt to open a
 * connection keeps trying every {@code PACE} for up to {@link #WINDOW} before it fails. Without it
 * Hikari counts every refused connection and sleeps between attempts for twice as long each time (10
 * ms, 20 ms … up to 5 s), so a pool that met an outage of a few seconds reconnected only after its
 * current sleep ended: up to 5 s after the database was back, while writes waited and answered 503.
 *
 * <p>Only connection failures (SQLSTATE class 08, and 57P03 "cannot connect now") are retried, and
 * only once this pool has connected at all: a node started while PostgreSQL is down still fails its
 * first attempt at once, and bad credentials fail at once. Callers still wait no longer than the pool's
 * {@code connection-timeout}; the retrying happens on Hikari's connection adder thread.
 */
public final class ReconnectingDataSource implements DataSource {

    /** How often an attempt is repeated while PostgreSQL does not answer (each may reach every host of the URL). */
    static final Duration PACE = Duration.ofMillis(200);

    /** How long one attempt keeps repeating before the pool sees it fail. */
    static final Duration WINDOW = Duration.ofSeconds(10);

    /**
     * pgjdbc settings every pool starts from; the data-source properties and the URL override them.
     * {@code connectTimeout} (seconds, the driver's default is 10): with a multi-host URL a host
     * that died without closing its sockets is tried first and would hold every new connection
     * that long. {@code tcpKeepAlive}: a connection to a host that vanished is found broken.
     */
    static final Map<String, String> DRIVER_DEFAULTS = Map.of("connectTimeout", "2", "tcpKeepAlive", "true");

    private final DataSource driver;
    private final BooleanSupplier poolClosed;
    private volatile boolean connectedOnce;

    ReconnectingDataSource(DataSource driver, BooleanSupplier poolClosed) {
        this.driver = driver;
        this.poolClosed = poolClosed;
    }

    /**
     * Makes {@code pool} (not started yet, configured with a JDBC URL) open its connections through
     * a {@code ReconnectingDataSource}, with {@link #DRIVER_DEFAULTS} under its own data-source
     * properties. A pool configured otherwise (a data source class, JNDI) is left as it is. Once the
     * pool is closed an attempt stops repeating, so closing it never waits for the window.
     */
    public static void install(HikariDataSource pool) {
        if (pool.getJdbcUrl() == null || pool.getDataSource() != null || pool.getDataSourceClassName() != null) {
            return;
        }
        DRIVER_DEFAULTS.forEach(pool.getDataSourceProperties()::putIfAbsent);
        pool.setDataSource(new ReconnectingDataSource(
                new DriverDataSource(
                        pool.getJdbcUrl(),
                        pool.getDriverClassName(),
                        pool.getDataSourceProperties(),
                        pool.getUsername(),
                        pool.getPassword()),
                pool::isClosed));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(driver::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(() -> driver.getConnection(username, password));
    }

    private Connection connect(Attempt attempt) throws SQLException {
        long deadline = System.nanoTime() + WINDOW.toNanos();
        while (true) {
            try {
                Connection connection = attempt.open();
                connectedOnce = true;
                return connection;
            } catch (SQLException e) {
                boolean retry = connectedOnce
                        && unreachable(e)
                        && !poolClosed.getAsBoolean()
                        && System.nanoTime() + PACE.toNanos() < deadline;
                if (!retry || !pause()) {
                    throw e;
                }
            }
        }
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P03"));
    }

    private static boolean pause() {
        try {
            Thread.sleep(PACE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }

    @FunctionalInterface
    private interface Attempt {
        Connection open() throws SQLException;
    }
}
