package io.toolcatalog.node.robustness;

import io.toolcatalog.testsupport.NodeProcess;
import java.util.List;
import java.util.Random;

/**
 * One client thread: sends {@link Workload} requests to random nodes until its deadline or its
 * operation budget, and records each with its answer. Reads may carry
 * {@code X-Catalog-Min-Revision} set to the highest revision this client saw acknowledged.
 */
final class RandomClient implements Runnable {

    private final int index;
    private final List<NodeProcess> nodes;
    private final Recorder recorder;
    private final Workload workload;
    private final Random random;
    private final String token;
    private final double deadlineMs;
    private final int maxOperations;
    private long seenRevision;

    RandomClient(
            int index,
            long seed,
            List<NodeProcess> nodes,
            Recorder recorder,
            RobustnessSettings settings,
            String token,
            int maxOperations) {
        this.index = index;
        this.nodes = nodes;
        this.recorder = recorder;
        this.random = new Random(seed);
        this.workload = new Workload(random, settings.toolNames(), index);
        this.token = token;
        this.deadlineMs = settings.duration().toMillis();
        this.maxOperations = maxOperations;
    }

    @Override
    public void run() {
        for (int i = 0; i < maxOperations && recorder.now() < deadlineMs; i++) {
            send(workload.next());
        }
    }

    private void send(Workload.Request request) {
        NodeProcess.Lease lease = pickNode().lease();
        if (request.kind() == OpKind.CR_PUBLISH) {
            request = ChangeRequestDrafts.publishOf(lease, request, token);
            if (request == null) {
                return; // not opened (the node is down, or the file matched the catalog): nothing to publish
            }
        }
        Long minRevision =
                request.kind().isRead() && seenRevision > 0 && workload.withMinRevision() ? seenRevision : null;
        Operation op = RecordedRequest.send(recorder, lease, index, request, token, minRevision);
        if (op.ok() && op.revision() != null) {
            seenRevision = Math.max(seenRevision, op.revision());
            workload.seen(seenRevision);
        }
    }

    /** A random node; one known to be down is passed over for a random live one. */
    private NodeProcess pickNode() {
        NodeProcess node = nodes.get(workload.nextNodeIndex(nodes.size()));
        if (node.isUp()) {
            return node;
        }
        List<NodeProcess> live = nodes.stream().filter(NodeProcess::isUp).toList();
        return live.isEmpty() ? node : live.get(random.nextInt(live.size()));
    }
}
