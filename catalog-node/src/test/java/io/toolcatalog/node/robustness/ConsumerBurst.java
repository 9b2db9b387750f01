package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many callers at once, each with a consumer name never seen before ({@code X-Catalog-Consumer}):
 * short long polls that each register a consumer. Every answer is recorded and checked (no 5xx but
 * 503 problem+json, nodes that are up answer); then the cluster's consumer list must still answer.
 */
final class ConsumerBurst {

    private static final int PER_BURST = 100;

    private final Recorder recorder;
    private final String token;
    private final AtomicInteger bursts = new AtomicInteger();

    ConsumerBurst(Recorder recorder, String token) {
        this.recorder = recorder;
        this.token = token;
    }

    /** One burst to {@code node}; what came back, for the fault log. */
    String send(NodeProcess node, long since) {
        if (!node.isUp()) {
            throw new IllegalStateException(node.id() + " is down");
        }
        int burst = bursts.incrementAndGet();
        int[] byClass = new int[6];
        for (int i = 0; i < PER_BURST && node.isUp(); i++) {
            Workload.Request poll = new Workload.Request(
                    OpKind.WATCH_POLL, "GET", "/api/v1/watch?since=" + since + "&wait=10ms", null, null);
            Operation op = RecordedRequest.send(
                    recorder, node.lease(), -1, poll, token, null, "burst-" + burst + "-consumer-" + i);
            byClass[Math.min(5, op.status() / 100)]++;
        }
        Operation list = RecordedRequest.send(
                recorder,
                node.lease(),
                -1,
                new Workload.Request(OpKind.WATCH_POLL, "GET", "/api/v1/cluster/consumers", null, null),
                token,
                null);
        return String.format(
                "%d long polls with new consumer names to %s: %d no answer, %d 2xx, %d 4xx, %d 5xx; consumers list %d",
                PER_BURST, node.id(), byClass[0], byClass[2], byClass[4], byClass[5], list.status());
    }
}
