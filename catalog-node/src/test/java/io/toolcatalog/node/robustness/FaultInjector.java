package io.toolcatalog.node.robustness;

import io.toolcatalog.node.robustness.FaultSchedule.ScheduledFault;
import io.toolcatalog.testsupport.NodeProcess;
import io.toolcatalog.testsupport.PrivateRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link FaultSchedule} on one thread (node restarts on another, since a cold start takes
 * seconds), never with more than one node down, and logs what it did and when. {@link #stopAndHeal}
 * cancels what is left and brings Redis and every node back.
 */
final class FaultInjector {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final List<ScheduledFault> schedule;
    private final List<NodeProcess> nodes;
    private final PrivateRedis redis;
    private final Servers servers;
    private final Recorder clock;
    private final CatalogFaults catalog;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private int forgeries;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "faults");
        t.setDaemon(true);
        return t;
    });
    /** A cold start takes seconds: the schedule goes on meanwhile (no second node is killed). */
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "node-restarts");
        t.setDaemon(true);
        return t;
    });

    FaultInjector(List<ScheduledFault> schedule, Servers servers, Recorder clock, CatalogFaults catalog) {
        this.schedule = schedule;
        this.nodes = servers.nodes();
        this.redis = servers.redis();
        this.servers = servers;
        this.clock = clock;
        this.catalog = catalog;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void start() {
        for (ScheduledFault fault : schedule) {
            thread.schedule(() -> inject(fault), fault.at().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What was injected, with the time it happened: one line per fault. */
    List<String> log() {
        return List.copyOf(log);
    }

    int injected() {
        return (int) log.stream().filter(line -> !line.contains("skipped")).count();
    }

    private void inject(ScheduledFault fault) {
        try {
            switch (fault.type()) {
                case PUBSUB_KILL -> note(fault, "killed " + redis.killPubSubConnections() + " pub/sub connections");
                case REDIS_OUTAGE -> {
                    redis.kill();
                    note(fault, "Redis stopped");
                    thread.schedule(this::restartRedis, fault.length().toMillis(), TimeUnit.MILLISECONDS);
                }
                case NODE_KILL -> killNode(fault);
                case PG_TERMINATE -> note(fault, "terminated " + servers.terminateBackends(fault.node()) + " backends");
                case HAND_EDIT -> note(fault, catalog.editor().editAndReload());
                case BAD_ROW -> breakRow(fault);
                case FORGED_MESSAGE ->
                    note(fault, catalog.forged().publish(ForgedMessages.Forgery.values()[forgeries++ % 3]));
                case STALLED_READER -> note(fault, catalog.stalled().open(nodes.get(fault.node())));
                case CONSUMER_BURST ->
                    note(
                            fault,
                            catalog.burst()
                                    .send(
                                            nodes.get(fault.node()),
                                            catalog.editor().revision()));
            }
        } catch (RuntimeException e) {
            note(fault, "skipped: " + e);
        }
    }

    /** Only with every node up: a node starting while a row is unreadable is another scenario. */
    private void breakRow(ScheduledFault fault) {
        if (nodes.stream().anyMatch(n -> !n.isUp())) {
            note(fault, "skipped: a node is down");
            return;
        }
        note(fault, catalog.editor().breakRowAndRepair());
    }

    private void killNode(ScheduledFault fault) {
        if (nodes.stream().anyMatch(n -> !n.isUp())) {
            note(fault, "skipped: another node is down");
            return;
        }
        NodeProcess node = nodes.get(fault.node());
        node.kill();
        note(fault, node.id() + " SIGKILLed");
        thread.schedule(
                () -> restarts.execute(() -> restartNode(node)), fault.length().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restartRedis() {
        redis.start();
        log.add(String.format("%.1fs Redis started again", clock.now() / 1000));
    }

    private void restartNode(NodeProcess node) {
        try {
            node.start();
            node.awaitReady(READY_TIMEOUT);
            log.add(String.format("%.1fs %s ready again", clock.now() / 1000, node.id()));
        } catch (RuntimeException e) {
            node.stop();
            log.add(String.format("%.1fs %s did not come back: %s", clock.now() / 1000, node.id(), e));
        }
    }

    /**
     * After the run, with every node up and no other fault: a bad row and a hand edit, so that the
     * end of every run shows whether both reach nodes, watchers and the client as they must.
     */
    void closing(RobustnessSettings settings) {
        if (settings.injects(FaultSchedule.Type.BAD_ROW)) {
            log.add(String.format(
                    "%.1fs closing BAD_ROW %s",
                    clock.now() / 1000, catalog.editor().breakRowAndRepair()));
        }
        if (settings.injects(FaultSchedule.Type.HAND_EDIT)) {
            log.add(String.format(
                    "%.1fs closing HAND_EDIT %s",
                    clock.now() / 1000, catalog.editor().editAndReload()));
        }
    }

    private void note(ScheduledFault fault, String what) {
        log.add(String.format("%.1fs (planned %s) %s", clock.now() / 1000, fault, what));
    }

    private static void finish(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("a fault did not finish within " + READY_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Cancels the faults not yet injected, waits for one in progress, then restarts what is down. */
    void stopAndHeal() {
        finish(thread);
        finish(restarts);
        redis.start();
        catalog.stalled().close();
        for (NodeProcess node : nodes) {
            if (!node.isUp()) {
                restartNode(node);
            }
            if (!node.isUp()) {
                throw new IllegalStateException(node.id() + " cannot be started again; see " + log);
            }
        }
    }
}
