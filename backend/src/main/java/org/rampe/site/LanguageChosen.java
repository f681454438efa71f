package org.rampe.site;

/** A signed-in member switched language; the members feature remembers it on their account. */
public record LanguageChosen(String memberId, Language language) {
}
