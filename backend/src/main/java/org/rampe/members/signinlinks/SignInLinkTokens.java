package org.rampe.members.signinlinks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.regex.Pattern;

import org.rampe.members.Secrets;
import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;

/**
 * The tokens of sign-in links, for Spring Security's one-time-token login: 32 random bytes
 * (base64url, 43 characters), of which the graph keeps only the SHA-256 hash; a token works once,
 * until it expires. Found by its hash, then compared to it in constant time (the lookup itself
 * cannot be steered by timing: nobody can choose what a hash starts with).
 */
@Component
class SignInLinkTokens implements OneTimeTokenService {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SignInLinkRepository links;

    SignInLinkTokens(SignInLinkRepository links) {
        this.links = links;
    }

    /** A token made for a member: it was kept, and is mailed to {@link #to()}. */
    record Issued(String tokenValue, SignInLinkRepository.Addressee to, Instant expiresAt) implements OneTimeToken {

        @Override
        public String getTokenValue() {
            return tokenValue;
        }

        @Override
        public String getUsername() {
            return to.email();
        }

        @Override
        public Instant getExpiresAt() {
            return expiresAt;
        }
    }

    /**
     * An {@link Issued} token when a member has this address; otherwise a token that was never kept
     * (and works nowhere), so that the caller's answer can be the same for both.
     */
    @Override
    public OneTimeToken generate(GenerateOneTimeTokenRequest request) {
        String token = Secrets.newToken();
        Instant expiresAt = Instant.now().plus(request.getExpiresIn());
        return links.store(request.getUsername(), hash(token), expiresAt)
                .<OneTimeToken>map(to -> new Issued(token, to, expiresAt))
                .orElseGet(() -> new DefaultOneTimeToken(token, request.getUsername(), expiresAt));
    }

    /** The token's member (by their address now), or null: unknown, already used, or expired. */
    @Override
    public OneTimeToken consume(OneTimeTokenAuthenticationToken authentication) {
        String token = authentication.getTokenValue();
        if (token == null || !TOKEN.matcher(token).matches()) {
            return null;
        }
        String hash = hash(token);
        return links.take(hash)
                .filter(used -> MessageDigest.isEqual(used.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(used -> used.expiresAt().isAfter(Instant.now()))
                .<OneTimeToken>map(used -> new DefaultOneTimeToken(token, used.email(), used.expiresAt()))
                .orElse(null);
    }

    static String hash(String token) {
        return Secrets.sha256Url(token);
    }
}
