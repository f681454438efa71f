package org.rampe.members;

import org.rampe.site.Language;

/** A sign-up that passed validation; the password is already hashed. */
record NewMember(String email, String handle, String displayName, String passwordHash, Language language) {
}
