package org.rampe.members;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A POST under {@code /admin/} from anyone but a signed-in administrator is answered 403 before
 * anything reads its body. The CSRF check comes before the authorization rules and reads the
 * {@code _csrf} parameter, which makes the container read a multipart body whole, spooling it to
 * disk: the import form's route takes files of gigabytes (places.ImportUploads), which a visitor
 * must not be able to make the server write. GETs go on to the ordinary rules (sign-in page, 403 page).
 */
final class AdministratorsOnlyPosts extends OncePerRequestFilter {

    static final String ROLE = "ROLE_ADMIN";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equalsIgnoreCase(request.getMethod()) || !path.startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = who != null && who.isAuthenticated()
                && who.getAuthorities().stream().anyMatch(a -> ROLE.equals(a.getAuthority()));
        if (!admin) {
            response.setHeader("Connection", "close");
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
