package org.rampe.site;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The site's address as members reach it ({@code rampe.public-url}, default
 * {@code http://localhost:8080}): the base of every link in a mail, and the origin passkeys are
 * bound to. Behind a proxy it is the public {@code https://} address, not the instance's own.
 */
@Component
public class PublicUrl {

    private final String base;
    private final URI uri;

    PublicUrl(@Value("${rampe.public-url:http://localhost:8080}") String value) {
        String v = value.strip();
        this.base = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        this.uri = URI.create(base);
    }

    public URI uri() {
        return uri;
    }

    /** An absolute link to a path of this site: {@code link("/account")}. */
    public String link(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }
}
