package org.rampe.site;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The instance's two bounded kinds of work. Both are CPU-bound, so running more at once than there
 * are cores makes none finish sooner; it only multiplies the memory held at once. With the default
 * (one per two cores: 1 on the reference machine) hashing holds at most 16 MiB and decoding about
 * 40 MiB of a 1 GiB heap, whatever an attacker sends, and a core stays free for everything else.
 */
@Component
public class Capacities {

    private static final Logger log = LoggerFactory.getLogger(Capacities.class);

    private final Capacity hashes;
    private final Capacity decodes;

    Capacities(CapacitySettings settings) {
        int h = settings.hashesOrCores();
        int d = settings.decodesOrCores();
        this.hashes = new Capacity("hashes", h, settings.queueFor(h), settings.maxWait(), settings.retryAfter());
        this.decodes = new Capacity("decodes", d, settings.queueFor(d), settings.maxWait(), settings.retryAfter());
        log.info("Capacity: {} password hashes ({} waiting at most) and {} image decodes ({} waiting) at once, {} ms wait before 503",
                hashes.size(), hashes.queue(), decodes.size(), decodes.queue(), settings.maxWait().toMillis());
    }

    /** Argon2 password hashes (members' PasswordEncoder). */
    public Capacity hashes() {
        return hashes;
    }

    /** Uploaded image decodes (images.ImageDecodes). */
    public Capacity decodes() {
        return decodes;
    }
}
