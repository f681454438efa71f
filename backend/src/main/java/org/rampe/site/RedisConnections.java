package org.rampe.site;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.rampe.site.SharedRedis.WithRedis;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The connections to Redis, made only when {@value SharedRedis#URL} is set: Spring Data's
 * connection factory (Spring Session's sessions, see members) and one Lettuce connection of bytes
 * (the rate-limit buckets). {@code /actuator/health} then reports Redis too: an instance that cannot
 * reach it can neither read sessions nor count, so it is not healthy.
 */
@Configuration(proxyBeanMethods = false)
@WithRedis
class RedisConnections {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RedisURI uri;

    RedisConnections(@Value("${" + SharedRedis.URL + "}") String url) {
        this.uri = RedisURI.create(url.strip());
        this.uri.setTimeout(TIMEOUT);
    }

    @Bean
    LettuceConnectionFactory redisConnectionFactory() {
        var server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        server.setDatabase(uri.getDatabase());
        if (uri.getUsername() != null) {
            server.setUsername(uri.getUsername());
        }
        if (uri.getPassword() != null && uri.getPassword().length > 0) {
            server.setPassword(RedisPassword.of(uri.getPassword()));
        }
        var client = LettuceClientConfiguration.builder().commandTimeout(TIMEOUT);
        if (uri.isSsl()) {
            client.useSsl();
        }
        return new LettuceConnectionFactory(server, client.build());
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient rateLimitRedisClient() {
        return RedisClient.create(uri);
    }

    @Bean(destroyMethod = "close")
    StatefulRedisConnection<byte[], byte[]> rateLimitRedisConnection(RedisClient rateLimitRedisClient) {
        return rateLimitRedisClient.connect(ByteArrayCodec.INSTANCE);
    }

    @Bean
    AbstractHealthIndicator redisHealthIndicator(StatefulRedisConnection<byte[], byte[]> rateLimitRedisConnection) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                if ("PONG".equals(rateLimitRedisConnection.sync().ping())) {
                    builder.up();
                } else {
                    builder.down();
                }
            }
        };
    }
}
