package org.rampe.site;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error is drawn in the site's layout, in the visitor's language, with words for the
 * statuses people meet (400, 403, 404, 413, 429, 500, 503) and a plain one for the rest. Only the status code
 * reaches the page: no exception, message or trace.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 413, 429, 500, 503);

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        Map<String, Object> safe = new HashMap<>();
        safe.put("status", status.value());
        safe.put("errorKey", EXPLAINED.contains(status.value()) ? "error." + status.value() : "error.other");
        // A used-up rate limit says how long to wait (RetryLaterAnswers), in whole minutes.
        if (request.getAttribute(RetryLaterAnswers.RETRY_AFTER_MINUTES) instanceof Long minutes) {
            safe.put("retryMinutes", minutes);
        }
        // A busy instance (RetryLaterAnswers) says when to try again, in seconds.
        if (request.getAttribute(RetryLaterAnswers.RETRY_AFTER_SECONDS) instanceof Long seconds) {
            safe.put("retrySeconds", seconds);
        }
        return new ModelAndView("error", safe, status);
    }
}
