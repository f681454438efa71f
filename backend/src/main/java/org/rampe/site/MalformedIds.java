package org.rampe.site;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * An id record bound from a path ({@code @PathVariable PostId id}) is built by Spring's conversion
 * service through its constructor, which throws {@link MalformedId} for anything that is not a
 * UUID; the page then answers 404 (the error page in the visitor's language), not the 400 of a
 * type mismatch. Other mismatches keep their 400.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedIds {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void mismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        Throwable cause = e;
        while (cause != null && !(cause instanceof MalformedId)) {
            cause = cause.getCause();
        }
        response.sendError(cause instanceof MalformedId ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST);
    }
}
