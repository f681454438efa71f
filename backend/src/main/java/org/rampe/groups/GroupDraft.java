package org.rampe.groups;

/** What a group is made of, as the form sends it (normalised, checked). */
record GroupDraft(String name, String description, String rules, String kind) {
}
