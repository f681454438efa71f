package org.rampe.members;

import java.time.Instant;

import org.rampe.site.DisplayPreferences;
import org.rampe.site.Language;

/** A member as the rest of the application sees them: no password hash here. */
public record Member(MemberId id, String email, String handle, String displayName, Language language,
                     DisplayPreferences preferences, Instant createdAt) {
}
