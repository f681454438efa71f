package org.rampe.members;

/**
 * What a sign-up came to. A taken address is not an error the visitor sees: they get the same
 * answer as for a new address, and the address's owner gets a mail.
 */
sealed interface SignUpOutcome {

    /** A new account, for a new address. */
    record Created(Member member) implements SignUpOutcome {
    }

    /** The address already has an account: {@code owner}. */
    record AddressTaken(Member owner) implements SignUpOutcome {
    }

    /** The form has mistakes (in the errors given); handles are public, so a taken handle is one. */
    record Refused() implements SignUpOutcome {
    }
}
