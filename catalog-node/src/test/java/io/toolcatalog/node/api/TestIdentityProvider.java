package io.toolcatalog.node.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.toolcatalog.testsupport.Ports;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * An identity provider of the test's own: an RSA key generated here, its public JWK set served from
 * a loopback HTTP server, and tokens signed with it (or with a stranger's key under the same id).
 */
final class TestIdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://idp.test/realms/catalog";
    static final String AUDIENCE = "tool-catalog";
    static final String KEY_ID = "test-key";

    private final RSAKey key;
    private final RSAKey stranger;
    private final HttpServer server;

    private TestIdentityProvider(RSAKey key, RSAKey stranger, HttpServer server) {
        this.key = key;
        this.stranger = stranger;
        this.server = server;
    }

    static TestIdentityProvider start() throws JOSEException, IOException {
        RSAKey key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        byte[] discovery = ("{\"issuer\": \"" + base + "\", \"jwks_uri\": \"" + base + "/jwks.json\"}")
                .getBytes(StandardCharsets.UTF_8);
        serve(server, "/jwks.json", jwks);
        serve(server, "/.well-known/openid-configuration", discovery);
        server.start();
        return new TestIdentityProvider(key, stranger, server);
    }

    private static void serve(HttpServer server, String path, byte[] json) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(json);
            }
        });
    }

    /** The issuer of the discovery document: the server's own address, keys found through it. */
    String issuerUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwkSetUri() {
        return issuerUrl() + "/jwks.json";
    }

    /** Claims a good token has: this issuer and audience, valid for five minutes. */
    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** A token signed with the provider's key, with {@code edit} applied to the good claims. */
    String token(String subject, UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(edit.apply(claims(subject)).build(), key);
    }

    /** A token with good claims, signed by a key the provider never published (same key id). */
    String forged(String subject, UnaryOperator<JWTClaimsSet.Builder> edit) {
        return sign(edit.apply(claims(subject)).build(), stranger);
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(with.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
