package org.rampe.members;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages of a member who deleted their account answer 410 Gone ("This account was deleted")
 * for the 30 days their handle stays reserved, then 404 like any unknown handle. The features
 * answer an unknown handle with 404 (a profile, its posts, its followers…); this resolver, asked
 * before the site's own error pages, turns such a 404 under {@code /members/{handle}} into 410 when
 * the handle was an erased member's ({@link Members#wasErased}), and draws every 410 with its page.
 * Only a 404 under that path costs a look-up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErasedMemberPages implements ErrorViewResolver {

    private static final Pattern MEMBER_PATH = Pattern.compile("^/members/([^/?#;]+)(?:/.*)?$");

    private final Members members;

    ErasedMemberPages(Members members) {
        this.members = members;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        if (status == HttpStatus.GONE || status == HttpStatus.NOT_FOUND && erasedMemberPage(request)) {
            return new ModelAndView("error/410", Map.of("status", HttpStatus.GONE.value()), HttpStatus.GONE);
        }
        return null;
    }

    private boolean erasedMemberPage(HttpServletRequest request) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri)) {
            return false;
        }
        String path = uri.startsWith(request.getContextPath()) ? uri.substring(request.getContextPath().length()) : uri;
        Matcher m = MEMBER_PATH.matcher(path);
        return m.matches() && members.wasErased(m.group(1));
    }
}
