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
 * {@link ServerBusy} is answered 503 with {@code Retry-After} (whole seconds), as
 * {@link TooManyRequestsAnswers} answers 429: people get the error page in their language, saying
 * the site is busy and when to try again; {@code /api/**} gets problem details. Thrown by a
 * controller (sign-up, password change, an upload), the advice answers; thrown inside Spring
 * Security's chain (the password check of the sign-in form), the filter registered here, outside
 * that chain, answers the same way.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerBusyAnswers {

    /** Request attribute through which the error page learns how long to wait. */
    static final String RETRY_AFTER_SECONDS = ServerBusyAnswers.class.getName() + ".retryAfterSeconds";
    /** Outside Spring Security's chain (order -100), inside Spring Session's, next to TooManyRequestsAnswers' (-105). */
    static final int FILTER_ORDER = -104;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ExceptionHandler(ServerBusy.class)
    ResponseEntity<ProblemDetail> busy(ServerBusy e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (isApi(request)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(e, request));
        }
        page(e, request, response);
        return null;
    }

    @Bean
    static FilterRegistrationBean<OncePerRequestFilter> serverBusyFilter() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (ServerBusy e) {
                    answer(e, request, response);
                } catch (ServletException | RuntimeException e) {
                    ServerBusy cause = causeOf(e);
                    if (cause == null) {
                        throw e;
                    }
                    answer(cause, request, response);
                }
            }
        });
        registration.setOrder(FILTER_ORDER);
        registration.setName("serverBusyFilter");
        return registration;
    }

    static void answer(ServerBusy e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            throw e;
        }
        response.resetBuffer();
        if (isApi(request)) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
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
    private static void page(ServerBusy e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setAttribute(RETRY_AFTER_SECONDS, e.retryAfter().toSeconds());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
    }

    private static ProblemDetail problem(ServerBusy e, HttpServletRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The server is busy; try again in " + e.retryAfter().toSeconds() + " seconds.");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("retryAfterSeconds", e.retryAfter().toSeconds());
        return problem;
    }

    private static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static ServerBusy causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerBusy busy) {
                return busy;
            }
        }
        return null;
    }
}
