package org.rampe.social;

import java.time.Duration;

import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.stereotype.Component;

/**
 * Slows down floods: at most {@value #POSTS_PER_HOUR} posts and {@value #COMMENTS_PER_HOUR}
 * comments an hour per member, far above what a person writes. Counted in {@link RateLimits}, so
 * shared by every instance when they share Redis. Taken by the controller once the text is valid
 * (a typing mistake costs nothing), hence {@code @Limited(inService = "social.PostingThrottle")}.
 */
@Component
public class PostingThrottle {

    static final int POSTS_PER_HOUR = 30;
    static final int COMMENTS_PER_HOUR = 120;
    static final RateLimit POSTS = new RateLimit("posts.member", POSTS_PER_HOUR, Duration.ofHours(1));
    static final RateLimit COMMENTS = new RateLimit("comments.member", COMMENTS_PER_HOUR, Duration.ofHours(1));

    private final RateLimits limits;

    PostingThrottle(RateLimits limits) {
        this.limits = limits;
    }

    /** Takes one post from the member's allowance; false when it is used up. */
    boolean post(String memberId) {
        return limits.tryTake(POSTS, "member:" + memberId);
    }

    boolean comment(String memberId) {
        return limits.tryTake(COMMENTS, "member:" + memberId);
    }
}
