package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every state-changing route (POST, PUT, PATCH, DELETE, or a mapping open to every method) and
 * every STOMP destination, as the application's own handler mappings list them, carries its
 * {@link Limited} rate limit: taken by the route, or (named) by the service that counts only some
 * outcomes. A new route without one fails here.
 *
 * <p>Routes that Spring Security's filters answer before any handler mapping: {@code POST /signin}
 * (wrong passwords limited by {@code members.SignInThrottle}, per account and per address), the
 * passkey ceremonies ({@code members.passkeys.PasskeyCeremonyLimits}, per address), and
 * {@code POST /signout}, which needs the session's own CSRF token and only ends that session
 * (nothing to flood). And {@code /error}, the error page of a request that already failed. They are covered by their own tests (SignInThrottleTest, the passkey tests).
 */
class EveryRouteIsLimitedTest extends RampeTest {

    private static final Set<RequestMethod> STATE_CHANGING =
            Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    /** Read-only routes that a script could use to drain the instance: limited per address all the same. */
    private static final List<String> COSTLY_READS = List.of("/api/places", "/api/places/export.geojson", "/places/near-suggestions",
            "/account/data/archives/{id}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Autowired
    SimpAnnotationMethodMessageHandler destinations;

    @Test
    void everyStateChangingRouteAndStompDestinationHasALimit() {
        Set<String> unlimited = new TreeSet<>();
        Map<String, Limited> byName = new HashMap<>();
        List<String> inconsistent = new ArrayList<>();
        int seen = 0;
        for (var route : routes.getHandlerMethods().entrySet()) {
            var methods = route.getKey().getMethodsCondition().getMethods();
            boolean changing = methods.isEmpty() || methods.stream().anyMatch(STATE_CHANGING::contains);
            boolean costly = route.getKey().getPatternValues().stream().anyMatch(COSTLY_READS::contains);
            // The error page answers a request that already failed (its own route took its allowance).
            boolean errorPage = route.getKey().getPatternValues().equals(Set.of("/error"));
            if (!changing && !costly || errorPage) {
                continue;
            }
            seen++;
            check(route.getKey().toString(), route.getValue().getMethodAnnotation(Limited.class), route.getValue().getShortLogMessage(), unlimited, byName, inconsistent);
        }
        int stomp = 0;
        for (var destination : destinations.getHandlerMethods().entrySet()) {
            stomp++;
            check("STOMP " + destination.getKey(), destination.getValue().getMethodAnnotation(Limited.class),
                    destination.getValue().getShortLogMessage(), unlimited, byName, inconsistent);
        }
        assertThat(seen).as("state-changing routes found").isGreaterThan(80);
        assertThat(stomp).as("STOMP destinations found").isGreaterThanOrEqualTo(5);
        assertThat(unlimited).as("routes without a rate limit (add @Limited where the route is defined)").isEmpty();
        assertThat(inconsistent).as("routes sharing a limit's name must declare the same allowance").isEmpty();
    }

    @Test
    void theCostlyReadsCountedPerAddressAreThere() {
        Set<String> limited = new TreeSet<>();
        routes.getHandlerMethods().forEach((info, method) -> {
            Limited l = method.getMethodAnnotation(Limited.class);
            if (l != null && l.perAddress() > 0) {
                limited.addAll(info.getPatternValues());
            }
        });
        assertThat(limited).containsAll(COSTLY_READS);
    }

    private static void check(String route, Limited limited, String method, Set<String> unlimited, Map<String, Limited> byName,
            List<String> inconsistent) {
        if (limited == null) {
            unlimited.add(route + " -> " + method);
            return;
        }
        // The window parses, and something is counted: by the route, or by a named service that exists.
        var declared = RateLimits.declared(limited);
        boolean counted = declared.perMember() != null || declared.perAddress() != null;
        if (!limited.inService().isEmpty()) {
            try {
                Class.forName("org.rampe." + limited.inService());
                counted = true;
            } catch (ClassNotFoundException e) {
                unlimited.add(route + " -> inService names no class: " + limited.inService());
                return;
            }
        }
        if (!counted) {
            unlimited.add(route + " -> @Limited(\"" + limited.value() + "\") counts nothing");
        }
        Limited first = byName.putIfAbsent(limited.value(), limited);
        if (first != null && (first.perMember() != limited.perMember() || first.perAddress() != limited.perAddress()
                || !first.window().equals(limited.window()))) {
            inconsistent.add(limited.value() + ": " + first + " and " + limited + " (" + route + ")");
        }
    }
}
