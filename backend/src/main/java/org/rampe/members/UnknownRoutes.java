package org.rampe.members;

import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Matches a request that no route of the application answers (issue 17): the security rules let it
 * through to the 404 page, for a visitor too, instead of sending them to sign in for an address
 * that does not exist (which confused, and told nothing useful). A route is known when one of the
 * application's handler mappings (controllers, the WebSocket endpoint, the actuator) has a handler
 * for it, whatever the method; the static files' catch-all ({@code /**}) does not make a route known.
 * The mappings are asked on a copy of the request's attributes, so that asking leaves no trace.
 */
final class UnknownRoutes implements RequestMatcher {

    private final ApplicationContext context;
    private volatile List<HandlerMapping> mappings;

    UnknownRoutes(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (request.getUserPrincipal() != null) {
            // A signed-in member is let in by the rule after this one either way, and the unknown
            // address then answers 404: no need to ask every handler mapping twice on their requests.
            return false;
        }
        var probe = new DetachedAttributes(request);
        for (HandlerMapping mapping : mappings()) {
            try {
                var chain = mapping.getHandler(probe);
                if (chain != null && !(chain.getHandler() instanceof ResourceHttpRequestHandler)) {
                    return false;
                }
            } catch (Exception e) {
                // A known path asked with another method or media type: a route all the same.
                return false;
            }
        }
        return true;
    }

    private List<HandlerMapping> mappings() {
        if (mappings == null) {
            var found = new java.util.ArrayList<>(BeanFactoryUtils.beansOfTypeIncludingAncestors(context, HandlerMapping.class, true, false)
                    .values());
            AnnotationAwareOrderComparator.sort(found);
            mappings = List.copyOf(found);
        }
        return mappings;
    }

    /** The request, with attributes of its own: what a mapping sets while matching stays here. */
    private static final class DetachedAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> set = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        DetachedAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (set.containsKey(name)) {
                return set.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            set.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            set.remove(name);
            removed.add(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(set.keySet());
            super.getAttributeNames().asIterator().forEachRemaining(n -> {
                if (!removed.contains(n)) {
                    names.add(n);
                }
            });
            return java.util.Collections.enumeration(names);
        }
    }
}
