package io.toolcatalog.core.cluster;

import java.util.Collection;
import java.util.List;

/**
 * The cluster-wide table of watch consumers. Each node reports its own consumers now and then;
 * an entry not reported again within the registry's time to live is gone with its consumer.
 */
public interface ConsumerRegistry {

    /** Records (or refreshes) these consumers of this node. */
    void report(Collection<ConsumerPosition> positions);

    /** Every consumer of every node; throws when the shared table cannot be read. */
    List<ConsumerPosition> consumers();
}
