package io.toolcatalog.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, which it may stop and start: {@code initdb} and
 * {@code pg_ctl} from {@code /usr/lib/postgresql/<version>/bin}, run as user {@code postgres}
 * (via {@code runuser} when the test runs as root), on a free port. Its data directory is in a
 * temporary directory of its own under {@code java.io.tmpdir}, owned by that user and removed by
 * {@link #close()}: never under the clone, which may sit in a directory that user cannot reach
 * (a home of mode 700). Trust authentication, user {@code postgres}, database {@code postgres}.
 * Never the machine's shared server: fault tests break only what they started. A primary may get a
 * streaming standby ({@link #startStandby}) that a test then promotes ({@link #promote()}).
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path home;
    private final Path dataDir;
    private final int port;
    private final Map<String, String> settings;

    private PrivatePostgres(Path bin, Path home, int port, Map<String, String> settings) {
        this.bin = bin;
        this.home = home;
        this.dataDir = home.resolve("data");
        this.port = port;
        this.settings = Map.copyOf(settings);
    }

    /** Creates a new cluster and starts it. */
    public static PrivatePostgres start() {
        return start(Map.of());
    }

    /**
     * Creates a new cluster and starts it with {@code settings} ({@code -c name=value} on the server's
     * command line, so a standby copied from it does not inherit them).
     */
    public static PrivatePostgres start(Map<String, String> settings) {
        PrivatePostgres postgres = new PrivatePostgres(findBin(), newHome(), Ports.free(), settings);
        postgres.init();
        postgres.startServer();
        return postgres;
    }

    /**
     * A streaming standby of this server, on a port and in a directory of its own: {@code pg_basebackup
     * -R} (which writes its {@code primary_conninfo} and {@code standby.signal}), connecting as
     * {@code applicationName} (the name {@code synchronous_standby_names} on this server refers to).
     */
    public PrivatePostgres startStandby(String applicationName) {
        PrivatePostgres standby = new PrivatePostgres(bin, newHome(), Ports.free(), Map.of());
        standby.own();
        run(List.of(
                bin.resolve("pg_basebackup").toString(),
                "-D",
                standby.dataDir.toString(),
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
                "-d",
                "host=127.0.0.1 port=" + port + " user=postgres application_name=" + applicationName));
        standby.startServer();
        return standby;
    }

    /** Ends recovery: a standby becomes a primary that takes writes. Waits until it does. */
    public void promote() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "promote"));
    }

    /**
     * SIGKILL to the postmaster and every process of it at once, as a machine that dies would do:
     * no shutdown, no last words to clients or standbys. {@link #close()} still cleans up.
     */
    public void kill() {
        long pid;
        try {
            pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>(postmaster.children().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(p -> p.onExit().join());
    }

    /** The server's data directory (owned by user {@code postgres} when the test runs as root). */
    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    /** A JDBC URL whose default schema is new and empty (the server must be running). */
    public String newSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = DriverManager.getConnection(baseUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a schema on the private PostgreSQL", e);
        }
        return baseUrl() + "?currentSchema=" + schema;
    }

    public String baseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server at once, as a crash or a failover would: clients' connections drop. */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
    }

    /** Starts the server again on the same port, with the same data. */
    public void startServer() {
        StringBuilder options =
                new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir + " -c fsync=off");
        settings.forEach(
                (name, value) -> options.append(" -c ").append(name).append('=').append(value));
        run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                dataDir.toString(),
                "-l",
                dataDir.resolve("server.log").toString(),
                "-o",
                options.toString(),
                "-w",
                "start"));
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for mvn clean
        }
    }

    /** A new directory in the system's temporary directory, which every user can reach. */
    private static Path newHome() {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "private-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void own() {
        if (asRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", home.toString()));
        }
    }

    private void init() {
        own();
        run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                dataDir.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8"));
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asRoot() && !command.get(0).equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Failed: " + String.join(" ", full) + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findBin() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
