package org.rampe.members;

import java.time.Duration;

/** What a single-use link of the account is for, and how long it works. */
enum TokenPurpose {

    /** Proves the member reads the address they signed up with; two days, for people who read mail rarely. */
    VERIFY_EMAIL("verify-email", Duration.ofHours(48)),
    /** Sets a new password without the old one: short, since whoever holds the link holds the account. */
    RESET_PASSWORD("reset-password", Duration.ofMinutes(30)),
    /** Confirms a new address from its own mailbox, after the current password was given. */
    CHANGE_EMAIL("change-email", Duration.ofHours(48)),
    /** Confirms deleting the account, for a member who signs in without a password: short, it ends everything. */
    DELETE_ACCOUNT("delete-account", Duration.ofHours(1));

    final String code;
    final Duration validFor;

    TokenPurpose(String code, Duration validFor) {
        this.code = code;
        this.validFor = validFor;
    }
}
