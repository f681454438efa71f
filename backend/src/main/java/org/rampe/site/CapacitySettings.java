package org.rampe.site;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much costly work runs at once ({@code rampe.capacity.*}); see {@link Capacities}. 0 (the
 * default) means one per two cores of the machine (at least one), read at start.
 *
 * @param hashes Argon2 password hashes at once (sign-up, sign-in, password change and reset,
 *               the password checks of address change and account deletion); 16 MiB each
 * @param decodes uploaded images decoded and re-encoded at once (posts, messages, avatars, logos,
 *               place photos); up to about 40 MiB each
 * @param maxWait how long a request waits for a place before it is answered 503
 * @param retryAfter what the 503's {@code Retry-After} says
 */
@ConfigurationProperties("rampe.capacity")
public record CapacitySettings(
        @DefaultValue("0") int hashes,
        @DefaultValue("0") int decodes,
        @DefaultValue("0") int queue,
        @DefaultValue("2s") Duration maxWait,
        @DefaultValue("5s") Duration retryAfter) {

    int hashesOrCores() {
        return hashes > 0 ? hashes : halfTheCores();
    }

    /**
     * Both kinds of work are pure CPU for tens to hundreds of milliseconds: with one per core, a
     * crowd signing in takes every core and the chat waits behind it (docs/benchmarks.md, "Live
     * messaging", the sign-in phase). Half the cores leaves the rest of the site its share.
     */
    static int halfTheCores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    int queueFor(int places) {
        return queue > 0 ? queue : 4 * places;
    }

    int decodesOrCores() {
        return decodes > 0 ? decodes : halfTheCores();
    }
}
