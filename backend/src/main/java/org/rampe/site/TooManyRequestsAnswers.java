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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A used-up {@link RateLimit} is answered 429 with {@code Retry-After} (whole seconds): people get
 * the error page in their language, saying how long to wait; {@code /api/**} gets RFC 9457 (7807)
 * problem details. Thrown by a controller, the advice answers; thrown by a filter (sign-in, passkey
 * ceremonies, sign-in links run inside Spring Security's chain), the filter registered here,
 * outside that chain, answers the same way.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TooManyRequestsAnswers {

    /** Request attribute through which the error page learns how long to wait. */
    static final String RETRY_AFTER_MINUTES = TooManyRequestsAnswers.class.getName() + ".retryAfterMinutes";
    /** Outside Spring Security's chain (order -100), inside Spring Session's. */
    static final int FILTER_ORDER = -105;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyRequests e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(e, request));
        }
        page(e, request, response);
        return null;
    }

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> tooManyRequestsFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (TooManyRequests e) {
                    answer(e, request, response);
                } catch (ServletException | RuntimeException e) {
                    TooManyRequests cause = causeOf(e);
                    if (cause == null) {
                        throw e;
                    }
                    answer(cause, request, response);
                }
            }
        });
        registration.setOrder(FILTER_ORDER);
        registration.setName("tooManyRequestsFilter");
        return registration;
    }

    static void answer(TooManyRequests e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.resetBuffer();
        if (isApi(request)) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
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
    private static void page(TooManyRequests e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(RETRY_AFTER_MINUTES, (e.retryAfter().toSeconds() + 59) / 60);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
    }

    private static ProblemDetail problem(TooManyRequests e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests; try again in " + e.retryAfter().toSeconds() + " seconds.");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("retryAfterSeconds", e.retryAfter().toSeconds());
        return problem;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static TooManyRequests causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooManyRequests tooMany) {
                return tooMany;
            }
        }
        return null;
    }
}
