package org.rampe.members;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password encoder, given only well-formed text (issue 17): a lone UTF-16 surrogate in a typed
 * password made Argon2's UTF-8 conversion throw, a 500 on every form that checks a password. Such
 * a password matches nothing; the password rules refuse to set one (SignUpForm.checkPassword).
 */
final class WellFormedPasswords implements PasswordEncoder {

    private final PasswordEncoder delegate;

    WellFormedPasswords(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    /** Whether every surrogate of the text is half of a pair. */
    static boolean wellFormed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        if (rawPassword != null && !wellFormed(rawPassword)) {
            throw new IllegalArgumentException("A password with a lone surrogate cannot be hashed");
        }
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return rawPassword != null && wellFormed(rawPassword) && delegate.matches(rawPassword, encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }
}
