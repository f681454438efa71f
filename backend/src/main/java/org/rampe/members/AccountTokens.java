package org.rampe.members;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The single-use links of the account. A token is 32 random bytes (URL-safe Base64 in the link);
 * the graph keeps only its SHA-256, so a copy of the database opens no account. A link is looked
 * up by that hash, and the stored hash is compared again in constant time before it counts.
 */
@Component
class AccountTokens {

    /** What a valid token gives: the member and the address the link was sent to. */
    record Holder(MemberId member, String email) {
    }


    private final AccountTokenRepository repository;
    private final Clock clock = Clock.systemUTC();

    AccountTokens(AccountTokenRepository repository) {
        this.repository = repository;
    }

    /** A new token for the member, sent to {@code email}; returns the token itself, to put in the link (and nowhere else). */
    String issue(MemberId member, TokenPurpose purpose, String email) {
        String token = Secrets.newToken();
        repository.create(member, purpose, HexFormat.of().formatHex(Secrets.sha256(token)), email, clock.instant().plus(purpose.validFor));
        return token;
    }

    /** Whether the token works now, without using it up (a page that shows the form the link leads to). */
    Optional<Holder> check(TokenPurpose purpose, String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(token);
        return repository.find(purpose, HexFormat.of().formatHex(hash))
                .filter(u -> matches(u, hash))
                .map(u -> new Holder(u.member(), u.email()));
    }

    /** Uses the token up: it works this once, if it has not expired. */
    Optional<Holder> take(TokenPurpose purpose, String token) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = Secrets.sha256(token);
        return repository.take(purpose, HexFormat.of().formatHex(hash))
                .filter(u -> u.alive() && matches(u, hash))
                .map(u -> new Holder(u.member(), u.email()));
    }

    /** After a password change: no reset link and no pending address change of before it works any more. */
    void passwordChanged(MemberId member) {
        repository.deleteAll(member, List.of(TokenPurpose.RESET_PASSWORD, TokenPurpose.CHANGE_EMAIL));
    }

    /** After an address change: links mailed to the old address, or to another new one, stop working. */
    void emailChanged(MemberId member) {
        repository.deleteAll(member, List.of(TokenPurpose.values()));
    }

    /** Expired links are removed every hour (the ones used are removed at once). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void sweep() {
        while (repository.deleteExpired(1_000) == 1_000) {
            // another batch
        }
    }

    /** The stored hash is the one computed (constant time; the lookup by hash already found it). */
    private static boolean matches(AccountTokenRepository.Used used, byte[] hash) {
        return MessageDigest.isEqual(HexFormat.of().parseHex(used.hash()), hash);
    }

    /** 32 bytes in URL-safe Base64 are 43 characters; anything else is not one of ours. */
    private static boolean wellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c ->
                c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_');
    }
}
