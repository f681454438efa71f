package org.rampe.site;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.site.SharedRedis.WithRedis;
import org.rampe.site.SharedRedis.WithoutRedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two ways {@link InstanceSignals} travel: within this instance alone, or through Redis to all. */
@Configuration(proxyBeanMethods = false)
class InstanceSignalTransports {

    /** Redis channels of the signals start with this, apart from anything else sharing the server. */
    static final String REDIS_PREFIX = "rampe:signal:";

    /**
     * Without Redis: alone for sure when the database is embedded (its store lets one process in);
     * with a database server other instances may share it unseen, so this one says it is not live
     * and nothing kept from the graph is trusted. Whether the database is embedded is the graph
     * module's decision (it starts an {@link EmbeddedGraph} or not), not read again here.
     */
    @Bean
    @WithoutRedis
    InstanceSignals localSignals(ObjectProvider<EmbeddedGraph> embedded) {
        boolean alone = embedded.getIfAvailable() != null;
        if (!alone) {
            LoggerFactory.getLogger(InstanceSignalTransports.class).info(
                    "A database server and no Redis: other instances may share the database, so suspensions are read from it at every check");
        }
        return new Local(alone);
    }

    @Bean(destroyMethod = "close")
    @WithRedis
    RedisSignals redisSignals(RedisClient rateLimitRedisClient) {
        return new RedisSignals(rateLimitRedisClient);
    }

    /** One instance: a signal goes to this instance's listeners and nowhere else. */
    static class Local implements InstanceSignals {

        private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
        private final boolean alone;

        Local(boolean alone) {
            this.alone = alone;
        }

        @Override
        public void send(String channel, String message) {
            listeners.getOrDefault(channel, List.of()).forEach(l -> l.heard(message));
        }

        @Override
        public void listen(String channel, Listener listener) {
            listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(listener);
        }

        /** Live when this instance is sure to be the only one. */
        @Override
        public boolean live() {
            return alone;
        }

        void mayHaveMissed() {
            listeners.values().forEach(ls -> ls.forEach(Listener::mayHaveMissed));
        }
    }

    /**
     * Several instances: a signal is published on Redis as {@code origin|message}, and every
     * instance but its origin (which told its own listeners already) hands it to its listeners.
     * Lettuce reconnects and subscribes again by itself after a cut; the cut and the reconnection
     * are both told to the listeners as {@link Listener#mayHaveMissed()}.
     */
    static final class RedisSignals extends Local implements AutoCloseable {

        private static final Logger LOG = LoggerFactory.getLogger(RedisSignals.class);

        private final String origin = UUID.randomUUID().toString();
        private final StatefulRedisPubSubConnection<String, String> subscriber;
        private final StatefulRedisConnection<String, String> publisher;
        private volatile boolean connected = true;

        RedisSignals(RedisClient client) {
            super(false);
            this.subscriber = client.connectPubSub(StringCodec.UTF8);
            this.publisher = client.connect(StringCodec.UTF8);
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    int bar = message.indexOf('|');
                    if (bar > 0 && !message.substring(0, bar).equals(origin)) {
                        RedisSignals.super.send(channel.substring(REDIS_PREFIX.length()), message.substring(bar + 1));
                    }
                }
            });
            client.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    if (connection == subscriber) {
                        connected = true;
                        mayHaveMissed();
                    }
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    if (connection == subscriber) {
                        LOG.warn("Cut from Redis: signals from the other instances may be lost until it is back");
                        connected = false;
                        mayHaveMissed();
                    }
                }
            });
        }

        @Override
        public void send(String channel, String message) {
            super.send(channel, message);
            try {
                publisher.sync().publish(REDIS_PREFIX + channel, origin + "|" + message);
            } catch (RuntimeException e) {
                // What was decided is committed and holds here. A Redis that cannot be reached has
                // cut the other instances' subscriptions too: they read the graph at every check
                // (not live) and forget all they kept once back.
                LOG.warn("Signal on {} not published to the other instances: {}", channel, e.toString());
            }
        }

        @Override
        public void listen(String channel, Listener listener) {
            super.listen(channel, listener);
            subscriber.sync().subscribe(REDIS_PREFIX + channel);
        }

        @Override
        public boolean live() {
            return connected && subscriber.isOpen();
        }

        @Override
        public void close() {
            subscriber.close();
            publisher.close();
        }
    }
}
