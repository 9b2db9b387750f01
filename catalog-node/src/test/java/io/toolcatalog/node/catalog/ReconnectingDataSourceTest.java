package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A refused connection is tried again at a steady pace instead of failing into Hikari's growing backoff. */
class ReconnectingDataSourceTest {

    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

    /** A driver that answers each attempt with the next script entry: an exception to throw, or a connection. */
    private static final class ScriptedDriver {
        final Deque<Object> script;
        int attempts;

        ScriptedDriver(List<Object> script) {
            this.script = new ArrayDeque<>(script);
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(
                    DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        attempts++;
                        Object next = script.isEmpty() ? CONNECTION : script.pop();
                        if (next instanceof SQLException e) {
                            throw e;
                        }
                        return next;
                    });
        }
    }

    private static SQLException refused() {
        return new SQLException("Could not find a server with specified targetServerType: primary", "08001");
    }

    @Test
    void onceConnectedARefusedAttemptIsRepeatedUntilTheDatabaseAnswers() throws SQLException {
        ScriptedDriver driver = new ScriptedDriver(List.of(CONNECTION, refused(), refused(), refused(), CONNECTION));
        ReconnectingDataSource source = new ReconnectingDataSource(driver.dataSource(), () -> false);
        source.getConnection();

        long start = System.nanoTime();
        assertThat(source.getConnection()).isSameAs(CONNECTION);

        assertThat(driver.attempts).isEqualTo(5);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("three pauses of the pace")
                .isGreaterThanOrEqualTo(3 * ReconnectingDataSource.PACE.toMillis());
    }

    @Test
    void aClosedPoolStopsTrying() throws SQLException {
        ScriptedDriver driver = new ScriptedDriver(List.of(CONNECTION, refused(), refused(), CONNECTION));
        ReconnectingDataSource source = new ReconnectingDataSource(driver.dataSource(), () -> driver.attempts > 2);
        source.getConnection();

        assertThatThrownBy(source::getConnection).isInstanceOf(SQLException.class);
        assertThat(driver.attempts).isEqualTo(3);
    }

    @Test
    void aNodeThatNeverConnectedFailsAtOnce() {
        ScriptedDriver driver = new ScriptedDriver(List.of(refused(), CONNECTION));
        ReconnectingDataSource source = new ReconnectingDataSource(driver.dataSource(), () -> false);

        assertThatThrownBy(source::getConnection).isInstanceOf(SQLException.class);
        assertThat(driver.attempts).isEqualTo(1);
    }

    @Test
    void failuresOtherThanUnreachableFailAtOnce() throws SQLException {
        ScriptedDriver driver = new ScriptedDriver(
                List.of(CONNECTION, new SQLException("password authentication failed", "28P01"), CONNECTION));
        ReconnectingDataSource source = new ReconnectingDataSource(driver.dataSource(), () -> false);
        source.getConnection();

        assertThatThrownBy(source::getConnection).hasMessageContaining("password");
        assertThat(driver.attempts).isEqualTo(2);
    }

    @Test
    void installSetsTheDriverDefaultsWithoutOverridingThePools() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://10.0.0.1:5432,10.0.0.2:5432/catalog?targetServerType=primary");
        pool.addDataSourceProperty("connectTimeout", "5");

        ReconnectingDataSource.install(pool);

        assertThat(pool.getDataSource()).isInstanceOf(ReconnectingDataSource.class);
        assertThat(pool.getDataSourceProperties())
                .containsEntry("connectTimeout", "5")
                .containsEntry("tcpKeepAlive", "true");
    }
}
