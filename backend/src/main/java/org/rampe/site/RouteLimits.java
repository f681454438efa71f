package org.rampe.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Takes the {@link Limited} allowance of the route a request reaches, before its controller runs
 * (after Spring Security: the member is known, a visitor turned away by the rules takes nothing). A
 * used-up allowance throws {@link TooManyRequests}, answered 429 with {@code Retry-After}.
 */
@Configuration(proxyBeanMethods = false)
class RouteLimits implements HandlerInterceptor, WebMvcConfigurer {

    private final RateLimits limits;

    RouteLimits(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Limited limited = method.getMethodAnnotation(Limited.class);
            if (limited != null) {
                limits.take(limited, memberId(), ClientAddress.of(request));
            }
        }
        return true;
    }

    private static String memberId() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Viewer viewer ? viewer.memberId() : null;
    }
}
