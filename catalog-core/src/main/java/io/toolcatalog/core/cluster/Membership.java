package io.toolcatalog.core.cluster;

import java.util.List;

/** The nodes of the cluster as their heartbeats show them. */
public interface Membership {

    /** Every node heard from recently, this one included; {@code catalogRevision} computes lag. */
    List<NodeStatus> nodes(long catalogRevision);
}
