package io.toolcatalog.node.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.toolcatalog.core.cluster.ChangeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node puts on the cluster's channels: a message's JSON, signed with the cluster key when
 * there is one. A change carries its rows while carrying is on and the message stays within {@code
 * max-carried-bytes}; otherwise it is the plain doorbell. Each change is counted by which it was.
 */
final class MessagePayloads {

    private static final Logger log = LoggerFactory.getLogger(MessagePayloads.class);

    private final ClusterProperties cluster;
    private final ClusterJson json;
    private final MessageSignature signature;
    private final Counter carried;
    private final Counter doorbells;

    MessagePayloads(ClusterProperties cluster, ClusterJson json, MeterRegistry registry) {
        this.cluster = cluster;
        this.json = json;
        this.signature = new MessageSignature(cluster.messageKey());
        this.carried = published(registry, "true");
        this.doorbells = published(registry, "false");
    }

    /** {@code message} as it is: signed JSON. */
    byte[] of(Object message) {
        return signature.sign(utf8(json.write(message)));
    }

    /** The change with its rows when carrying is on and it fits the bound; else the plain doorbell. */
    byte[] ofChange(ChangeMessage message) {
        if (message.written() != null && cluster.carriesChanges()) {
            byte[] full = utf8(json.write(message));
            if (full.length <= cluster.maxCarriedBytes().toBytes()) {
                carried.increment();
                return signature.sign(full);
            }
            log.debug(
                    "Revision {}: rows over {}, publishing a plain doorbell",
                    message.revision(),
                    cluster.maxCarriedBytes());
        }
        doorbells.increment();
        return of(message.written() == null ? message : message.withoutRows());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Counter published(MeterRegistry registry, String carried) {
        return Counter.builder("catalog.cluster.changes.published")
                .description("Change messages handed to Redis, by whether they carried the revision's rows")
                .tag("carried", carried)
                .register(registry);
    }
}
