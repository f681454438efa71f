package org.rampe.members.sessions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a session lasts. Many members live with memory or cognitive disabilities: signing in
 * again every day, or after each closed browser, would shut some of them out, so a member's session
 * lasts a month without use and the cookie outlives the browser. It is bounded all the same: after
 * the absolute timeout a member signs in again however often they came, so that a stolen cookie or a
 * forgotten shared computer does not stay signed in for ever. A visitor's session (what a sign-in
 * attempt or a flash notice needed; reading creates none) is short.
 *
 * @param idleTimeout     a member's session ends after this long without a request (default 30 days)
 * @param absoluteTimeout and in any case this long after signing in (default 90 days: a season)
 * @param visitorTimeout  a session nobody signed in to ends after this long without a request (1 hour)
 */
@ConfigurationProperties("rampe.sessions")
public record SessionSettings(
        @DefaultValue("30d") Duration idleTimeout,
        @DefaultValue("90d") Duration absoluteTimeout,
        @DefaultValue("1h") Duration visitorTimeout) {
}
