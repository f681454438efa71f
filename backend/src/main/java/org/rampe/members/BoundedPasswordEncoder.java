package org.rampe.members;

import org.rampe.site.Capacity;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2 within the instance's {@link Capacity} for hashes: each hash or check holds 16 MiB
 * (16,384 blocks of 1 KiB) for as long as it runs, so 200 sign-ins at once would hold 3.2 GiB. At
 * most the capacity's size run together; the others wait briefly, then the request is answered 503
 * ({@link org.rampe.site.ServerBusy}). Every caller goes through here: sign-up, the sign-in form
 * (and its timing-attack check for an unknown address), password change and reset, and the password
 * checks of address change and account deletion.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder argon2;
    private final Capacity hashes;

    BoundedPasswordEncoder(PasswordEncoder argon2, Capacity hashes) {
        this.argon2 = argon2;
        this.hashes = hashes;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.run(() -> argon2.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return hashes.run(() -> argon2.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return argon2.upgradeEncoding(encodedPassword);
    }
}
