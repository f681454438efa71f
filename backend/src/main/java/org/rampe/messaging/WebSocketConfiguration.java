package org.rampe.messaging;

import java.security.Principal;
import java.util.Map;

import jakarta.annotation.PreDestroy;

import org.rampe.site.Personalisation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * STOMP over a native WebSocket at {@code /ws} (no SockJS: every browser we support speaks
 * WebSocket, and one transport is one thing to secure). Clients send to {@code /app/...} (the
 * {@link ChatController}) and receive on their own {@code /user/queue/...}. The broker is the
 * in-memory one, or RabbitMQ through the STOMP relay when {@code rampe.messaging.relay.host} is
 * set, with the user registry and unresolved user destinations broadcast so that a member connected
 * to another instance is reached too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocketMessageBroker
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String ENDPOINT = "/ws";
    /** Where the relay shares what a single instance cannot know (names without '/': RabbitMQ's topics are words). */
    static final String USER_DESTINATION_BROADCAST = "/topic/rampe.unresolved-user-destination";
    static final String USER_REGISTRY_BROADCAST = "/topic/rampe.user-registry";

    private final LiveProperties properties;
    private final TaskScheduler scheduler;
    private final MemberGate gate;
    private final DestinationLimits destinationLimits;
    private final Personalisation personalisation;
    /**
     * The channels' threads, given explicitly: Spring Boot hands both channels the context's one async
     * executor when there is exactly one, and the {@code @Scheduled} jobs' two-thread scheduler
     * (site.Scheduling) is one, so every frame and push ran there (ChannelExecutorsTest).
     */
    private final ThreadPoolTaskExecutor inbound;
    private final ThreadPoolTaskExecutor outbound;

    WebSocketConfiguration(LiveProperties properties, @Lazy TaskScheduler messageBrokerTaskScheduler, MemberGate gate,
            DestinationLimits destinationLimits,
            Personalisation personalisation) {
        this.properties = properties;
        this.scheduler = messageBrokerTaskScheduler;
        this.gate = gate;
        this.destinationLimits = destinationLimits;
        this.personalisation = personalisation;
        this.inbound = channelThreads("clientInboundChannel-", properties.inboundThreads());
        // Spring's own default for pushes to clients: two threads a core.
        this.outbound = channelThreads("clientOutboundChannel-", 2 * Runtime.getRuntime().availableProcessors());
    }

    private static ThreadPoolTaskExecutor channelThreads(String prefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        executor.initialize();
        return executor;
    }

    @PreDestroy
    void stopChannelThreads() {
        inbound.shutdown();
        outbound.shutdown();
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.setErrorHandler(new StompErrors());
        // Not setPreserveReceiveOrder(true): with it, Spring 7 hands inbound frames to a decorator that
        // swallows the security interceptors' exceptions, so a refused CONNECT or SUBSCRIBE got no
        // ERROR frame and the socket stayed open, silent. Without it, the interceptors run in the
        // receiving thread, a refusal is an ERROR frame and a closed socket, and frames are handled by
        // the inbound pool in arrival order of start (a SUBSCRIBE is done long before the SEND after it
        // has stored anything). A lost acknowledgement is harmless anyway: the client resends, the
        // server answers duplicate=true.
        registry.addEndpoint(ENDPOINT)
                .setHandshakeHandler(new MemberHandshakeHandler())
                .addInterceptors(new LocaleHandshake(personalisation))
                // Empty list: same origin only (Spring's OriginHandshakeInterceptor answers 403 to any other).
                .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Outbound messages to one client keep their order (a message before its edit, an ack before a later push).
        registry.setPreservePublishOrder(true);
        long heartbeat = properties.heartbeat().toMillis();
        var relay = properties.relay();
        if (relay.enabled()) {
            relay.refuseDefaultCredentials();
            var registration = registry.enableStompBrokerRelay("/queue", "/topic")
                    .setRelayHost(relay.host())
                    .setRelayPort(relay.port())
                    .setClientLogin(relay.login())
                    .setClientPasscode(relay.passcode())
                    .setSystemLogin(relay.login())
                    .setSystemPasscode(relay.passcode())
                    .setSystemHeartbeatSendInterval(heartbeat)
                    .setSystemHeartbeatReceiveInterval(heartbeat)
                    .setUserDestinationBroadcast(USER_DESTINATION_BROADCAST)
                    .setUserRegistryBroadcast(USER_REGISTRY_BROADCAST)
                    .setTaskScheduler(scheduler);
            // Always a virtual host: without one Spring puts the relay host in CONNECT's host header,
            // which RabbitMQ reads as a virtual host ("Virtual host '127.0.0.1' access denied").
            registration.setVirtualHost(relay.virtualHost() != null && !relay.virtualHost().isBlank() ? relay.virtualHost() : "/");
        } else {
            registry.enableSimpleBroker("/queue", "/topic")
                    .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                    .setTaskScheduler(scheduler);
        }
    }

    /**
     * The in-memory broker finds a destination's subscribers through {@link IndexedSubscriptionRegistry}
     * (a lookup) instead of Spring's default (a scan of every subscription the first time each
     * destination is used: with a queue per session, every new page paid it).
     */
    @Bean
    static BeanPostProcessor indexedSubscriptions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SimpleBrokerMessageHandler broker) {
                    broker.setSubscriptionRegistry(new IndexedSubscriptionRegistry());
                }
                return bean;
            }
        };
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit((int) properties.messageSizeLimit().toBytes())
                // A slow consumer's session is closed when this much waits for it or a send blocks this
                // long; the others, served by other threads, never wait for it.
                .setSendBufferSizeLimit((int) properties.sendBufferSize().toBytes())
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis())
                // A socket opened and never used is closed quickly (cheap denial of service otherwise).
                .setTimeToFirstMessage(30_000);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(gate, destinationLimits);
        // A frame's handler mostly waits for the database (a send is one write transaction), so the
        // pool is wider than the cores: with Spring's default (two threads a core) four sends were
        // in flight at most and the database sat idle between them.
        registration.executor(inbound);
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.executor(outbound);
    }

    /**
     * Names the WebSocket session by member id (see {@link MemberAuthentication}). An anonymous
     * request never gets here (the HTTP security chain sends it to the sign-in page), and without a
     * member the session has no user, so CONNECT is then refused by the channel security.
     */
    static final class MemberHandshakeHandler extends DefaultHandshakeHandler {
        @Override
        protected Principal determineUser(ServerHttpRequest request, WebSocketHandler handler, Map<String, Object> attributes) {
            return MemberAuthentication.of(request.getPrincipal());
        }
    }
}
