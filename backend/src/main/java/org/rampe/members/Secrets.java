package org.rampe.members;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets of the account's links and sessions: a new token (32 random bytes, URL-safe Base64
 * without padding, 43 characters) and the SHA-256 of a token or session id, which is what the graph
 * keeps. Used by the account's mailed links, sign-in links and the signed-in devices page; each
 * stores the digest in its own documented encoding.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /** 32 random bytes in URL-safe Base64 (43 characters), for a link. */
    public static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return URL.encodeToString(secret);
    }

    /** The SHA-256 of an ASCII secret (a token, a session id). */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** {@link #sha256} in URL-safe Base64 without padding. */
    public static String sha256Url(String secret) {
        return URL.encodeToString(sha256(secret));
    }
}
