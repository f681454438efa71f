package org.rampe.site;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The one switch between one instance and several: with {@value #URL} set ({@code redis://host:6379},
 * {@code rediss://} for TLS, {@code redis://:password@host:6379/0}), members' sessions and the
 * rate-limit counts live in that Redis, shared by every instance; unset, sessions live in the graph
 * and counts in this instance's memory, and nothing ever reaches for Redis (no connection, no
 * health indicator). Beans that need Redis say so with {@link WithRedis}, their fallbacks with
 * {@link WithoutRedis}.
 */
public final class SharedRedis {

    /** The property (environment variable {@code RAMPE_REDIS_URL}). */
    public static final String URL = "rampe.redis.url";

    private SharedRedis() {
    }

    /** The bean or configuration exists only when {@value SharedRedis#URL} is set. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Documented
    @Conditional(Configured.class)
    public @interface WithRedis {
    }

    /** The bean or configuration exists only when {@value SharedRedis#URL} is not set. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Documented
    @Conditional(NotConfigured.class)
    public @interface WithoutRedis {
    }

    static boolean configured(ConditionContext context) {
        return StringUtils.hasText(context.getEnvironment().getProperty(URL));
    }

    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return configured(context);
        }
    }

    static final class NotConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !configured(context);
        }
    }
}
