package org.rampe;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * MockMvc requests keep Spring's {@code MockHttpSession} (the many tests that carry a signed-in
 * member as {@code .session(session)}); requests through the real server (HTTP clients, the
 * browser, STOMP) go through Spring Session's store as in production. Spring Session's filter is
 * shared by both, so it is replaced by the same filter that steps aside for a MockMvc request.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MockMvcSessions {

    @Bean
    static BeanPostProcessor mockMvcKeepsItsMockSessions(ObjectProvider<SessionRepository<? extends Session>> repository,
                                                          ObjectProvider<CookieSerializer> cookie) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof SessionRepositoryFilter<?> && !(bean instanceof ForRealRequestsOnly<?>)) {
                    var filter = new ForRealRequestsOnly<>(repository.getObject());
                    var resolver = new CookieHttpSessionIdResolver();
                    resolver.setCookieSerializer(cookie.getObject());
                    filter.setHttpSessionIdResolver(resolver);
                    return filter;
                }
                return bean;
            }
        };
    }

    /**
     * {@code SecurityMockMvcRequestPostProcessors.csrf()} swaps the CSRF filter's token repository for
     * a test one over the session, for good; the filter is the real server's too, which would then
     * make a session for every visitor. After each MockMvc request the site's own repository
     * ({@code members.CsrfTokens}) is put back.
     */
    @Bean
    MockMvcBuilderCustomizer csrfRepositoryPutBack(FilterChainProxy springSecurityFilterChain) {
        CsrfFilter filter = springSecurityFilterChain.getFilterChains().stream()
                .flatMap(chain -> chain.getFilters().stream())
                .filter(CsrfFilter.class::isInstance).map(CsrfFilter.class::cast)
                .findFirst().orElseThrow();
        Object siteRepository = ReflectionTestUtils.getField(filter, "tokenRepository");
        return builder -> builder.alwaysDo(result -> ReflectionTestUtils.setField(filter, "tokenRepository", siteRepository));
    }

    static final class ForRealRequestsOnly<S extends Session> extends SessionRepositoryFilter<S> {

        ForRealRequestsOnly(SessionRepository<S> repository) {
            super(repository);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (isMockMvc(request)) {
                chain.doFilter(request, response);
            } else {
                super.doFilterInternal(request, response, chain);
            }
        }

        @Override
        protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (isMockMvc(request)) {
                chain.doFilter(request, response);
            } else {
                super.doFilterNestedErrorDispatch(request, response, chain);
            }
        }

        private static boolean isMockMvc(ServletRequest request) {
            ServletRequest r = request;
            while (r instanceof ServletRequestWrapper wrapper) {
                r = wrapper.getRequest();
            }
            return r instanceof MockHttpServletRequest;
        }
    }
}
