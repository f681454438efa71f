package org.rampe.site;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link RetryLater} is answered with its status (429 for a used-up {@link RateLimit}, 503 for a
 * full {@link Capacity}) and {@code Retry-After} in whole seconds: people get the error page in their
 * language, saying how long to wait; {@code /api/**} gets RFC 9457 problem details. Thrown by a
 * controller, the advice answers; thrown by a filter (sign-in, passkey ceremonies and sign-in links
 * run inside Spring Security's chain, and the sign-in form's password check may find the hashes
 * full), the filter registered here, outside that chain, answers the same way.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryLaterAnswers {

    /** Request attribute through which the error page learns how long to wait for a limit, in minutes. */
    static final String RETRY_AFTER_MINUTES = RetryLaterAnswers.class.getName() + ".retryAfterMinutes";
    /** Request attribute through which the error page learns when to try a busy instance again, in seconds. */
    static final String RETRY_AFTER_SECONDS = RetryLaterAnswers.class.getName() + ".retryAfterSeconds";
    /** Outside Spring Security's chain (order -100), inside Spring Session's. */
    static final int FILTER_ORDER = -105;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(RetryLater.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLater e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            return ResponseEntity.status(e.status())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(e, request));
        }
        page(e, request, response);
        return null;
    }

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> retryLaterFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (RetryLater e) {
                    answer(e, request, response);
                } catch (ServletException | RuntimeException e) {
                    RetryLater cause = causeOf(e);
                    if (cause == null) {
                        throw e;
                    }
                    answer(cause, request, response);
                }
            }
        });
        registration.setOrder(FILTER_ORDER);
        registration.setName("retryLaterFilter");
        return registration;
    }

    static void answer(RetryLater e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.resetBuffer();
        if (isApi(request)) {
            response.setStatus(e.status().value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            var problem = problem(e, request);
            var body = new LinkedHashMap<String, Object>();
            body.put("type", problem.getType().toString());
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", problem.getInstance().toString());
            body.putAll(problem.getProperties());
            response.getOutputStream().write(JSON.writeValueAsBytes(body));
        } else {
            page(e, request, response);
        }
    }

    /** The site's error page (ErrorPages), through the container's error dispatch. */
    private static void page(RetryLater e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = e.retryAfter().toSeconds();
        switch (e) {
            case TooManyRequests limit -> request.setAttribute(RETRY_AFTER_MINUTES, (seconds + 59) / 60);
            case ServerBusy busy -> request.setAttribute(RETRY_AFTER_SECONDS, seconds);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.sendError(e.status().value());
    }

    private static ProblemDetail problem(RetryLater e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(e.status(), e.problemDetail());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("retryAfterSeconds", e.retryAfter().toSeconds());
        return problem;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static RetryLater causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryLater later) {
                return later;
            }
        }
        return null;
    }
}
