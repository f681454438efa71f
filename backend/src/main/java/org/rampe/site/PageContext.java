package org.rampe.site;

/**
 * What every page's layout needs: the language and its alternative, the display classes, who is
 * signed in (or null), and where to come back to after switching language.
 */
public record PageContext(Language language, Language otherLanguage, DisplayPreferences preferences,
                          Viewer viewer, String returnTo) {

    public String htmlClass() {
        return preferences.htmlClass();
    }

    public boolean signedIn() {
        return viewer != null;
    }
}
