package io.toolcatalog.api.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Tool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ListChangedNotifierTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private Runnable tick;
    private ListChangedNotifier notifier;
    private CatalogSnapshot snapshot;

    @BeforeEach
    void startNotifier() {
        Scheduler byHand = (task, initialDelay, delay) -> {
            tick = task;
            return () -> tick = null;
        };
        notifier = new ListChangedNotifier(new RecordingTransport(sent), byHand, Duration.ofMillis(75));
        notifier.start();
        snapshot = CatalogSnapshot.of(1, List.of(tool("on"), tool("off").withEnabled(false)));
    }

    static Tool tool(String name) {
        return Tools.tool(name, 1, 1);
    }

    private void reload(Tool... changed) {
        CatalogSnapshot next = snapshot.apply(snapshot.revision() + 1, List.of(changed), List.of());
        Set<String> names = Set.copyOf(List.of(changed).stream().map(Tool::name).toList());
        notifier.onReload(new CatalogReloaded(snapshot, next, names, ReloadKind.PARTIAL, ReloadTrigger.API_UPDATE));
        snapshot = next;
    }

    @Test
    void aBurstOfListChangesIsOneNotificationPerInterval() {
        reload(tool("new-1"));
        reload(tool("new-2"));
        reload(tool("on").stamped(2, 4, AT, "t"));

        tick.run();
        tick.run();

        assertThat(sent).containsExactly(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED);
    }

    @Test
    void aChangeToADisabledToolChangesNoList() {
        reload(tool("off").withEnabled(false).stamped(2, 2, AT, "t"));

        tick.run();

        assertThat(sent).isEmpty();
    }

    @Test
    void enablingOrDisablingChangesTheList() {
        reload(tool("off").stamped(2, 2, AT, "t"));
        tick.run();
        reload(tool("on").withEnabled(false).stamped(2, 3, AT, "t"));
        tick.run();

        assertThat(sent).hasSize(2);
    }

    @Test
    void aRolloutMoveChangesTheListOfItsCohortThoughNoStableRowChanged() {
        ActiveRollout rollout = new ActiveRollout(
                7, 3, false, 0, 10, Map.of(), Map.of("on", tool("on").stamped(2, 2, AT, "t")), Set.of(), 2);
        CatalogSnapshot next = snapshot.apply(2, List.of(), List.of()).withRollouts(List.of(rollout));
        notifier.onReload(new CatalogReloaded(snapshot, next, Set.of("on"), ReloadKind.PARTIAL, ReloadTrigger.ROLLOUT));

        tick.run();

        assertThat(sent).containsExactly(McpSchema.METHOD_NOTIFICATION_TOOLS_LIST_CHANGED);
    }

    @Test
    void sendsNothingOnceStopped() {
        notifier.stop();

        assertThat(tick).isNull();
    }

    /** Records what would be sent to every session. */
    private record RecordingTransport(List<String> sent) implements McpStreamableServerTransportProvider {

        @Override
        public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {}

        @Override
        public Mono<Void> notifyClients(String method, Object params) {
            return Mono.fromRunnable(() -> sent.add(method));
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
