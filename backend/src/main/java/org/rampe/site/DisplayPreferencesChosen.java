package org.rampe.site;

/** A signed-in member saved display preferences; the members feature remembers them. */
public record DisplayPreferencesChosen(String memberId, DisplayPreferences preferences) {
}
