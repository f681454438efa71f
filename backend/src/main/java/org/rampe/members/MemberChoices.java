package org.rampe.members;

import org.rampe.site.DisplayPreferencesChosen;
import org.rampe.site.LanguageChosen;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps on the account what a signed-in member chose in the site's settings. */
@Component
class MemberChoices {

    private final Members members;

    MemberChoices(Members members) {
        this.members = members;
    }

    @EventListener
    void on(LanguageChosen event) {
        members.changeLanguage(new MemberId(event.memberId()), event.language());
    }

    @EventListener
    void on(DisplayPreferencesChosen event) {
        members.changePreferences(new MemberId(event.memberId()), event.preferences());
    }
}
