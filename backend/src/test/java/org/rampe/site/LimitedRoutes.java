package org.rampe.site;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only: routes that take a tiny limit, one as a page, one under /api, and one taken in a
 * servlet filter (as sign-in, passkey ceremonies and sign-in links take theirs, before any
 * controller), to see how a used-up limit is answered.
 */
@Controller
class LimitedRoutes {

    static final RateLimit TINY = new RateLimit("test.tiny", 2, Duration.ofMinutes(5));

    private final RateLimits limits;

    LimitedRoutes(RateLimits limits) {
        this.limits = limits;
    }

    @GetMapping("/test/limited")
    @ResponseBody
    String page(HttpServletRequest request) {
        limits.take(TINY, "page:" + request.getRemoteAddr());
        return "done";
    }

    @GetMapping("/api/test/limited")
    @ResponseBody
    String api(HttpServletRequest request) {
        limits.take(TINY, "api:" + request.getRemoteAddr());
        return "{}";
    }

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> limitedInAFilter(RateLimits limits) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.getRequestURI().equals("/test/limited-in-filter")) {
                    limits.take(TINY, "filter:" + request.getRemoteAddr());
                    response.getWriter().write("done");
                    return;
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/test/limited-in-filter");
        // Before Spring Security's chain, as a visitor's request meets the sign-in throttle.
        registration.setOrder(RetryLaterAnswers.FILTER_ORDER + 1);
        return registration;
    }
}
