package io.toolcatalog.client;

import static io.toolcatalog.client.ScriptedNode.tool;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What the client tests share: three tools, scripted nodes and clients closed after each test, helpers. */
abstract class ClientTestSupport {

    static final CatalogTool GREP = tool("grep", 1, 1, true, 5000);
    static final CatalogTool SED = tool("sed", 1, 2, false, 3000);
    static final CatalogTool AWK = tool("awk", 1, 3, true, 1000);

    final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    ScriptedNode node() {
        return track(ScriptedNode.start());
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    CatalogClientBuilder builder(URI... endpoints) {
        return CatalogClient.builder()
                .endpoints(endpoints)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .connectTimeout(Duration.ofSeconds(1))
                .startTimeout(Duration.ofSeconds(10));
    }

    CatalogClient started(CatalogClientBuilder builder) throws InterruptedException {
        CatalogClient client = builder.build();
        resources.add(client);
        return client.start();
    }

    static List<CatalogChanged> listen(CatalogClient client) {
        List<CatalogChanged> told = new CopyOnWriteArrayList<>();
        client.onChange(told::add);
        return told;
    }

    static Json.Snapshot readCache(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), Json.Snapshot.class);
    }

    ListAppender<ILoggingEvent> capture(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        resources.add(() -> logger.detachAppender(appender));
        return appender;
    }

    static List<Thread> threadsOf(CatalogClient client) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(client.name() + "-"))
                .filter(Thread::isAlive)
                .toList();
    }
}
