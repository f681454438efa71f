package org.rampe.site;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import org.rampe.site.SharedRedis.WithRedis;
import org.rampe.site.SharedRedis.WithoutRedis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two homes of the rate-limit counts: this instance's memory, or Redis shared by all. */
@Configuration(proxyBeanMethods = false)
class RateLimitStores {

    /** Redis keys of the counts start with this, so that they are easy to tell from the sessions' (and to clear). */
    static final String REDIS_PREFIX = "rampe:rate:";

    @Bean
    @WithoutRedis
    RateLimits.Buckets memoryBuckets() {
        Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofHours(25))
                .maximumSize(500_000)
                .build();
        return new RateLimits.Buckets() {
            @Override
            public Bucket of(RateLimit limit, String key) {
                return buckets.get(limit.name() + "|" + key, k -> Bucket.builder().addLimit(RateLimits.bandwidth(limit)).build());
            }

            @Override
            public void clear() {
                buckets.invalidateAll();
            }
        };
    }

    /**
     * bucket4j's compare-and-swap buckets over Lettuce: each action reads the bucket's state and
     * writes it back only if nobody changed it meanwhile, so that two instances never both spend
     * the last token. A bucket's key expires once it would be full again.
     */
    @Bean
    @WithRedis
    RateLimits.Buckets redisBuckets(StatefulRedisConnection<byte[], byte[]> rateLimitRedisConnection) {
        ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(rateLimitRedisConnection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new RateLimits.Buckets() {
            @Override
            public Bucket of(RateLimit limit, String key) {
                byte[] redisKey = (REDIS_PREFIX + limit.name() + "|" + key).getBytes(StandardCharsets.UTF_8);
                return proxies.getProxy(redisKey, () -> RateLimits.configuration(limit));
            }

            @Override
            public void clear() {
                var commands = rateLimitRedisConnection.sync();
                var args = ScanArgs.Builder.matches(REDIS_PREFIX + "*").limit(1000);
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    var page = commands.scan(cursor, args);
                    List<byte[]> keys = new ArrayList<>(page.getKeys());
                    if (!keys.isEmpty()) {
                        commands.del(keys.toArray(byte[][]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
        };
    }
}
