package org.rampe.members;

import java.util.Locale;

/** Where and in which language to write to a member: only for a verified address. */
public record Recipient(MemberId member, String email, String handle, Locale locale) {
}
