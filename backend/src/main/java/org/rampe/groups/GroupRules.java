package org.rampe.groups;

/**
 * A group's name and rules, for pages of other features (the report form shows the rules of the
 * group a post is in): {@code groups/rules :: rules(${groupRules})}.
 */
record GroupRules(String groupId, String slug, String name, String rules, String kind) {
}
