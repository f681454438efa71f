package org.rampe.site;

import java.time.Duration;

/**
 * A named limit: at most {@code capacity} actions per {@code window} for one key (an account, an
 * address), refilled gradually. The name keeps the counts of different limits apart.
 */
public record RateLimit(String name, int capacity, Duration window) {
}
