package org.rampe.members.passkeys;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.rampe.site.PublicUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who the site is to an authenticator. A passkey is bound to a relying party id (a domain, no
 * scheme, no port) and is only ever used from the origins the site accepts: both come from the
 * site's public address, {@code rampe.public-url} (default {@code http://localhost:8080}). Behind a
 * reverse proxy that is the public {@code https://} address members type, not the instance's own:
 * a passkey made on {@code rampe.example} works on every instance behind that name, and nowhere
 * else. Browsers offer WebAuthn only on {@code https://} origins and on {@code http://localhost}.
 */
@Component
public class RelyingParty {

    /** The name an authenticator shows next to the member's address. */
    public static final String NAME = "Rampe";

    private static final Logger log = LoggerFactory.getLogger(RelyingParty.class);

    private final String id;
    private final String origin;

    RelyingParty(PublicUrl publicUrl) {
        URI uri = publicUrl.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalStateException("rampe.public-url must be an http(s) address with a host name, not " + publicUrl);
        }
        this.id = uri.getHost().toLowerCase(Locale.ROOT);
        this.origin = scheme + "://" + id + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        if (scheme.equals("http") && !id.equals("localhost")) {
            log.warn("rampe.public-url is {}: browsers offer passkeys only over https (or on localhost)", publicUrl);
        }
    }

    /** The relying party id: the host of the public address ({@code rampe.example}, {@code localhost}). */
    public String id() {
        return id;
    }

    /** The one origin passkeys are accepted from: the public address's scheme, host and port. */
    public Set<String> origins() {
        return Set.of(origin);
    }
}
