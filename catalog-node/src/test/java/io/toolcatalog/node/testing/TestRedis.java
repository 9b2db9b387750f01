package io.toolcatalog.node.testing;

import io.toolcatalog.testsupport.TestInfrastructure;
import java.net.URI;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Connections to the tests' Redis for a test that drives a Redis-backed store without a node. */
public final class TestRedis {

    private TestRedis() {}

    /** A started connection factory to {@link TestInfrastructure#redisUrl()}; the caller destroys it. */
    public static LettuceConnectionFactory connections() {
        URI uri = URI.create(TestInfrastructure.redisUrl());
        LettuceConnectionFactory connections =
                new LettuceConnectionFactory(new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
        connections.afterPropertiesSet();
        connections.start();
        return connections;
    }
}
