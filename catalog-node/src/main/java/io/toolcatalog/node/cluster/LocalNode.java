package io.toolcatalog.node.cluster;

import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.time.Instant;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * This node as its heartbeat describes it: its identity, the address it is reached at, and the
 * catalog it serves. The address is the configured one; unset, it is the host with the web server's
 * port, which with {@code server.port=0} is known only once the server started.
 */
final class LocalNode implements ApplicationListener<WebServerInitializedEvent> {

    private final NodeIdentity node;
    private final boolean addressConfigured;
    private final AppliedCatalog catalog;
    private volatile String address;

    LocalNode(NodeIdentity node, boolean addressConfigured, AppliedCatalog catalog) {
        this.node = node;
        this.addressConfigured = addressConfigured;
        this.catalog = catalog;
        this.address = node.address();
    }

    /** With {@code server.port=0} the real port is known only now. */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!addressConfigured) {
            String host = node.address().replaceFirst(":\\d+$", "");
            address = host + ":" + event.getWebServer().getPort();
        }
    }

    String nodeId() {
        return node.nodeId();
    }

    String address() {
        return address;
    }

    /** The snapshot this node serves now. */
    CatalogSnapshot snapshot() {
        return catalog.snapshot();
    }

    /** The heartbeat saying this node serves {@code snapshot}, written at {@code now}. */
    Heartbeat beat(CatalogSnapshot snapshot, Instant now) {
        return new Heartbeat(node.nodeId(), address, node.startedAt(), snapshot.revision(), snapshot.digest(), now);
    }
}
