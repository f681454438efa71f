package org.rampe.members.sessions;

import jakarta.servlet.DispatcherType;
import org.rampe.site.SharedRedis;
import org.rampe.site.SharedRedis.WithRedis;
import org.rampe.site.SharedRedis.WithoutRedis;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.config.annotation.web.http.EnableRedisIndexedHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * HTTP sessions through Spring Session, in one of two stores: the graph ({@link GraphSessionRepository},
 * the default: one instance, or several sharing one database) or Redis when
 * {@value SharedRedis#URL} is set (Spring Session's indexed Redis repository, under the keys
 * {@code rampe:sessions:*}). Both index sessions by member id ({@link MemberIndex}) so that a
 * member's sessions can be listed and ended wherever they were opened.
 *
 * <p>The cookie is {@value #COOKIE}: HttpOnly, SameSite=Lax, Secure behind HTTPS, and it lasts as
 * long as the absolute timeout (it is written again at each sign-in, which changes the session id),
 * so that closing the browser does not sign a member out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SessionStores {

    public static final String COOKIE = "RAMPE_SESSION";

    @Bean
    CookieSerializer sessionCookie(SessionSettings settings) {
        var cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath("/");
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        cookie.setUseBase64Encoding(false);
        cookie.setCookieMaxAge((int) settings.absoluteTimeout().toSeconds());
        return cookie;
    }

    @Bean
    IndexResolver<Session> memberIndex() {
        return new MemberIndex();
    }

    /**
     * Spring Session's filter, first of all, for error pages and asynchronous requests too (an error
     * page is drawn for the signed-in member, in their language).
     */
    @Bean
    FilterRegistrationBean<SessionRepositoryFilter<?>> sessionFilterRegistration(SessionRepositoryFilter<?> springSessionRepositoryFilter) {
        var registration = new FilterRegistrationBean<SessionRepositoryFilter<?>>(springSessionRepositoryFilter);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER);
        return registration;
    }

    // The outer class's condition does not reach nested configurations found by the component scan:
    // without it here, `rampe import` (no web server, no session store) failed to start (issue 18).
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @WithoutRedis
    @EnableSpringHttpSession
    static class InTheGraph {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication
    @WithRedis
    @EnableRedisIndexedHttpSession(redisNamespace = "rampe:sessions")
    static class InRedis implements BeanClassLoaderAware {

        private ClassLoader classLoader;

        @Override
        public void setBeanClassLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
        }

        /** Attributes serialized as in the graph, resolved by the application's class loader (the jar's). */
        @Bean
        RedisSerializer<Object> springSessionDefaultRedisSerializer() {
            return new JdkSerializationRedisSerializer(classLoader);
        }

        @Bean
        SessionRepositoryCustomizer<RedisIndexedSessionRepository> sessionTimeouts(SessionSettings settings) {
            return repository -> repository.setDefaultMaxInactiveInterval(settings.visitorTimeout());
        }
    }
}
