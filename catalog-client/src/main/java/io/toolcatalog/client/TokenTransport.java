package io.toolcatalog.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a bearer token may travel: over {@code https://}, or over plain http to this machine
 * (a loopback address, or {@code localhost}), where nobody on the network can read it. Anything
 * else needs the builder's {@code allowInsecure()}, and is then logged once per client.
 */
final class TokenTransport {

    private static final Logger log = LoggerFactory.getLogger(TokenTransport.class);

    private TokenTransport() {}

    static void check(String token, List<URI> endpoints, boolean allowInsecure) {
        if (token == null) {
            return;
        }
        List<URI> exposed = endpoints.stream().filter(e -> !safe(e)).toList();
        if (exposed.isEmpty()) {
            return;
        }
        if (!allowInsecure) {
            throw new IllegalArgumentException("a token is sent only over https (or to this machine); " + exposed
                    + " would carry it in clear: use https, or allowInsecure() to accept that");
        }
        log.warn(
                "Catalog client sends its token over plain http to {} (allowInsecure): anyone on the way can read it",
                exposed);
    }

    static boolean safe(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        String host = endpoint.getHost();
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return false; // a name: where it resolves is not ours to trust
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
