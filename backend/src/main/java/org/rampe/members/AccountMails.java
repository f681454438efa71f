package org.rampe.members;

import java.util.Locale;

import org.rampe.mail.Mail;
import org.rampe.mail.Mailer;
import org.springframework.stereotype.Component;

/**
 * The mails of the account's lifecycle, each in the member's language. They go to the address
 * itself, verified or not: they are about the address or the account's safety, and never
 * carry anything else.
 */
@Component
class AccountMails {

    private final Mailer mailer;

    AccountMails(Mailer mailer) {
        this.mailer = mailer;
    }

    /** The link that proves the member reads this address. */
    void verifyEmail(Member member, String token) {
        mailer.send(Mail.to(member.email(), locale(member), "verify-email")
                .with("handle", member.handle())
                .with("link", mailer.link("/email/verify?token=" + token))
                .with("hours", TokenPurpose.VERIFY_EMAIL.validFor.toHours()));
    }

    /** Someone typed this address, which an account already uses, to make another account (or move one to it). */
    void addressAlreadyUsed(Member owner, boolean emailChange) {
        mailer.send(Mail.to(owner.email(), locale(owner), "signup-attempt")
                .with("handle", owner.handle())
                .with("emailChange", emailChange)
                .with("signInUrl", mailer.link(SignInFlow.SIGN_IN))
                .with("forgottenUrl", mailer.link(PasswordResetController.FORGOTTEN)));
    }

    /** The link that sets a new password. */
    void passwordReset(Member member, String token) {
        mailer.send(Mail.to(member.email(), locale(member), "password-reset")
                .with("handle", member.handle())
                .with("link", mailer.link(PasswordResetController.RESET + "?token=" + token))
                .with("minutes", TokenPurpose.RESET_PASSWORD.validFor.toMinutes()));
    }

    /** The password was changed: if it was not them, what to do. */
    void passwordChanged(Member member) {
        mailer.send(Mail.to(member.email(), locale(member), "password-changed")
                .with("handle", member.handle())
                .with("forgottenUrl", mailer.link(PasswordResetController.FORGOTTEN)));
    }

    /** To the new address: the link that confirms it. */
    void emailChange(Member member, String newEmail, String token) {
        mailer.send(Mail.to(newEmail, locale(member), "email-change")
                .with("handle", member.handle())
                .with("link", mailer.link(EmailChangeController.CONFIRM + "?token=" + token))
                .with("hours", TokenPurpose.CHANGE_EMAIL.validFor.toHours()));
    }

    /** To the old address: a change was asked; nothing changes until the new address confirms. */
    void emailChangeRequested(Member member, String newEmail) {
        mailer.send(Mail.to(member.email(), locale(member), "email-change-requested")
                .with("handle", member.handle())
                .with("newEmail", newEmail)
                .with("passwordUrl", mailer.link(PasswordChangeController.PATH))
                .with("forgottenUrl", mailer.link(PasswordResetController.FORGOTTEN)));
    }

    /** The link that confirms deleting the account (for a member who signs in without a password). */
    void confirmDeletion(Member member, String token) {
        mailer.send(Mail.to(member.email(), locale(member), "delete-account")
                .with("handle", member.handle())
                .with("link", mailer.link(AccountDeletionController.CONFIRM + "?token=" + token))
                .with("minutes", TokenPurpose.DELETE_ACCOUNT.validFor.toMinutes())
                .with("passwordUrl", mailer.link(PasswordChangeController.PATH)));
    }

    private static Locale locale(Member member) {
        return member.language().locale();
    }
}
