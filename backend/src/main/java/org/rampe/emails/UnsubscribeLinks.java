package org.rampe.emails;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.rampe.mail.Mailer;
import org.springframework.stereotype.Component;

/**
 * The one-click unsubscribe links of notification mails (RFC 8058):
 * {@code /emails/unsubscribe/<member>/<scope>/<token>}, where the scope is a kind ({@code replies}…)
 * or {@code digest}, and the token the HMAC-SHA256 of member and scope under a random secret kept in
 * the graph (so every instance makes and checks the same links, and nothing is stored per mail).
 * Nobody can make a link for another member without the secret; a link is checked in constant time.
 */
@Component
class UnsubscribeLinks {

    static final String PATH = "/emails/unsubscribe/";
    /** The digest's scope: every kind the member gets in the digest. */
    static final String DIGEST = "digest";

    private final EmailsRepository repository;
    private final Mailer mailer;
    private final AtomicReference<byte[]> secret = new AtomicReference<>();

    UnsubscribeLinks(EmailsRepository repository, Mailer mailer) {
        this.repository = repository;
        this.mailer = mailer;
    }

    /** The absolute one-click link for the member and the scope. */
    String url(String member, String scope) {
        return mailer.link(PATH + member + "/" + scope + "/" + token(member, scope));
    }

    boolean valid(String member, String scope, String token) {
        return token != null && MessageDigest.isEqual(token(member, scope).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String token(String member, String scope) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] sum = mac.doFinal((member + ":" + scope).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] secret() {
        byte[] known = secret.get();
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            known = Base64.getDecoder().decode(repository.secret(Base64.getEncoder().encodeToString(fresh)));
            secret.set(known);
        }
        return known;
    }
}
