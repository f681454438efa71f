package org.rampe.site;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/** Gives every page, error pages included, the {@code page} its layout is drawn from. */
@ControllerAdvice
class LayoutAdvice {

    private final Personalisation personalisation;
    /** Resolved on the first page, then kept (a provider resolves through the bean factory on each call). */
    private final SingletonSupplier<HeaderCounts> headerCounts;

    LayoutAdvice(Personalisation personalisation, ObjectProvider<HeaderCounts> headerCounts) {
        this.personalisation = personalisation;
        this.headerCounts = SingletonSupplier.of(headerCounts::getIfAvailable);
    }

    @ModelAttribute("page")
    PageContext page(HttpServletRequest request) {
        if (answersData(request)) {
            // JSON and other bodies have no layout: no language lookup, no notification count for them.
            return null;
        }
        Language language = personalisation.language(request);
        Language other = language == Language.FR ? Language.EN : Language.FR;
        Viewer viewer = viewer();
        var counts = HeaderCounts.Counts.NONE;
        if (viewer != null) {
            var header = headerCounts.get();
            try {
                counts = header == null ? counts : header.of(viewer.memberId());
            } catch (RuntimeException e) {
                // An error page must still be drawn when the graph cannot answer: no counts then.
                counts = HeaderCounts.Counts.NONE;
            }
        }
        return new PageContext(language, other, personalisation.preferences(request), viewer, returnTo(request),
                counts.notifications(), counts.messages());
    }

    /** Whether the handler writes its answer body itself ({@code @ResponseBody}, {@code @RestController}). */
    static boolean answersData(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && (handler.hasMethodAnnotation(ResponseBody.class)
                        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class));
    }

    static Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated() && authentication.getPrincipal() instanceof Viewer v) {
            return v;
        }
        return null;
    }

    /** The page being shown, so a language switch lands back on it (on error pages, the failed URL). */
    private static String returnTo(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String uri ? uri : request.getRequestURI();
        String query = failed == null ? request.getQueryString() : null;
        return SafeRedirect.localPath(query == null ? path : path + "?" + query);
    }
}
