package org.rampe.site;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rate limit of a route or a STOMP destination, written where the route is defined. Taken before
 * the handler runs (a request over the limit does no work): for HTTP by {@link RouteLimits}, a
 * {@code HandlerInterceptor} (answered 429 with {@code Retry-After}, {@link RetryLaterAnswers}),
 * for STOMP by messaging's {@code DestinationLimits} (answered on the session's
 * {@code /user/queue/errors}, as the chat script shows any refusal). Counted by the signed-in
 * member ({@code member:<id>}) and by the client's address ({@link ClientAddress}: an IPv6 address
 * by its /64), each with its own allowance, in {@link RateLimits} (Redis when instances share one).
 *
 * <p>A limit that must count only some outcomes (wrong passwords, accounts actually created,
 * messages actually stored) lives in the service, which takes it at the right moment: the route
 * says so with {@link #inService}, naming the class, so that a reader finds it and the test that
 * every state-changing route is limited accepts it. Both may be given: the route's allowance, then
 * the service's.
 *
 * <pre>{@code @Limited(value = "posts.reactions", perMember = 300, perAddress = 600, window = "1h")}</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Limited {

    /** The limit's name: the counts are kept by it, so routes that give the same name share one allowance. */
    String value();

    /** Actions a signed-in member may take in the window (counted by account); 0: not counted by account. */
    int perMember() default 0;

    /** Actions one address may take in the window, visitors and members alike; 0: not counted by address. */
    int perAddress() default 0;

    /** The window, in Spring's simple style ({@code 30s}, {@code 10m}, {@code 1h}, {@code 1d}); given back gradually over it. */
    String window() default "1h";

    /** The class whose service takes this route's limit itself (for instance {@code "members.SignInThrottle"}); empty when none. */
    String inService() default "";
}
