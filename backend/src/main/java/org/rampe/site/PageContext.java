package org.rampe.site;

/**
 * What every page's layout needs: the language and its alternative, the display classes, who is
 * signed in (or null), where to come back to after switching language, and how many notifications
 * and messages the signed-in member has not read.
 */
record PageContext(Language language, Language otherLanguage, DisplayPreferences preferences,
                          Viewer viewer, String returnTo, long unreadNotifications, long unreadMessages) {

    public PageContext(Language language, Language otherLanguage, DisplayPreferences preferences,
                       Viewer viewer, String returnTo, long unreadNotifications) {
        this(language, otherLanguage, preferences, viewer, returnTo, unreadNotifications, 0);
    }

    public String htmlClass() {
        return preferences.htmlClass();
    }

    public boolean signedIn() {
        return viewer != null;
    }
}
