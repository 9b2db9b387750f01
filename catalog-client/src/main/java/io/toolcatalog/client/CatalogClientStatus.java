package io.toolcatalog.client;

import java.net.URI;
import java.time.Duration;

/**
 * Whether a client is live, as {@link CatalogClient#status()} tells it at one moment: which node
 * it follows, whether a stream to it is open, where its state came from and how long ago it last
 * heard from a node.
 *
 * @param node the node the client streams from now, or last tried
 * @param connected whether a watch stream to {@code node} is open now
 * @param source where the state held came from
 * @param revision the catalog revision the client holds (0 before it has a state)
 * @param nodeRevision the newest revision a node told the client of (a response header, an event
 *     or a heartbeat), or 0 while no node has answered
 * @param lastEventAge the time since the client last heard from a node (an event or a heartbeat);
 *     since {@link CatalogClient#start()} while no node has answered yet
 * @param reconnects how many times the client opened a new stream after its first one
 * @param view the view of the catalog the nodes serve this consumer, as they named it: {@code
 *     stable}, or {@code rollout=3} while the consumer is in the cohort of rollout 3 ({@code
 *     rollout=3,rollout=5} for several); {@code stable} until a node names another
 * @param reports what became of the outcomes reported with {@link CatalogClient#report}
 */
public record CatalogClientStatus(
        URI node,
        boolean connected,
        Source source,
        long revision,
        long nodeRevision,
        Duration lastEventAge,
        long reconnects,
        String view,
        Reports reports) {

    /**
     * What became of the outcomes reported with {@link CatalogClient#report}.
     *
     * @param sent outcomes the nodes accepted
     * @param dropped outcomes (and apply failures) the client let go: past its bounds (1000 tools
     *     held, 20 apply failures waiting) or refused by a node as such (a 4xx other than 408 and 429)
     * @param failedSends reports that could not be sent (their counts were kept for the next one,
     *     unless refused as such)
     * @param pendingTools tools with counts not sent yet
     */
    public record Reports(long sent, long dropped, long failedSends, int pendingTools) {}

    /** Where the state a client holds came from. */
    public enum Source {
        /** The client has no state yet (before {@code start()} returned). */
        NONE,
        /** The cache file: no node has answered since the client started. */
        CACHE,
        /** A node: the client has heard from one since it started. */
        NODE
    }

    /**
     * How many revisions the client is behind the newest one a node told it of; 0 while it does
     * not know a node's revision.
     *
     * @return the difference, never negative
     */
    public long lag() {
        return Math.max(0, nodeRevision - revision);
    }
}
