package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Messages no node sent, published on the cluster's doorbell channel ({@code <cluster>:catalog-changed},
 * the JSON every node writes): a message cut short, a doorbell for a revision far above the
 * database's, and one carrying forged rows for the revision after the database's, which chains onto
 * what an idle node holds. None of it may ever be served or sent to a watcher: the checks see a
 * revision header or an event past the database's, or content the database never had.
 */
final class ForgedMessages {

    enum Forgery {
        TRUNCATED,
        FAR_AHEAD,
        FORGED_ROWS
    }

    private final int redisPort;
    private final String channel;
    private final LongSupplier databaseRevision;

    ForgedMessages(int redisPort, String clusterName, LongSupplier databaseRevision) {
        this.redisPort = redisPort;
        this.channel = clusterName + ":catalog-changed";
        this.databaseRevision = databaseRevision;
    }

    /** Publishes one; what was sent, for the fault log. */
    String publish(Forgery kind) {
        long revision = databaseRevision.getAsLong();
        String payload =
                switch (kind) {
                    case TRUNCATED -> {
                        String whole =
                                message(revision + 1, revision, "truncated").toString();
                        yield whole.substring(0, whole.length() / 2);
                    }
                    case FAR_AHEAD ->
                        message(revision + 1_000_000, null, "far ahead").toString();
                    case FORGED_ROWS ->
                        message(revision + 1, revision, "forged rows").toString();
                };
        long receivers = publish(payload);
        return kind + " (database at revision " + revision + ") reached " + receivers + " subscribers: "
                + (payload.length() > 160 ? payload.substring(0, 160) + "…" : payload);
    }

    /** A message as a node writes it (format 3); with {@code from} it carries a forged version of {@code t0}. */
    private static ObjectNode message(long revision, Long from, String reason) {
        ObjectNode m = ToolDocuments.JSON.createObjectNode();
        m.put("revision", revision);
        m.putArray("tools").add("t0");
        m.put("operation", "update");
        m.put("trigger", "api_update");
        m.put("origin_node", "forger");
        m.put("triggered_by", "forger");
        m.put("reason", reason);
        m.put("reload_id", UUID.randomUUID().toString());
        m.put("committed_at", Instant.now().toString());
        m.put("format", 3);
        m.put("principal", "forger");
        if (from != null) {
            m.put("from_revision", from);
            ObjectNode tool = m.putArray("written").addObject();
            tool.put("name", "t0");
            tool.put("description", "forged by the checker");
            tool.putArray("tags");
            tool.put("enabled", true);
            tool.put("profiles", "{}");
            tool.put("version", 999);
            tool.put("revision", revision);
            tool.put("created_at", Instant.now().toString());
            tool.put("created_by", "forger");
            tool.put("updated_at", Instant.now().toString());
            tool.put("updated_by", "forger");
            m.putArray("removed");
        }
        return m;
    }

    /** {@code PUBLISH} in the Redis protocol; the number of subscribers that got it. */
    private long publish(String payload) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(command("PUBLISH", channel, payload));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                reply.write(c);
            }
            String answer = reply.toString(StandardCharsets.UTF_8);
            if (!answer.startsWith(":")) {
                throw new IllegalStateException("PUBLISH answered " + answer);
            }
            return Long.parseLong(answer.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish on " + channel, e);
        }
    }

    private static byte[] command(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
