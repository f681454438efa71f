package org.rampe.groups;

import java.util.List;
import java.util.Set;

import org.rampe.social.PostText;
import org.springframework.validation.Errors;

/**
 * What a member sends to create or edit a group; kept as typed so a refused form comes back filled
 * in. An edit uses the name, description and rules only (the kind and the owner do not change).
 */
class GroupForm {

    static final int NAME_MAX = 80;
    static final int DESCRIPTION_MAX = 1_000;
    static final int RULES_MAX = 5_000;
    static final List<String> KINDS = List.of("public", "private", "hidden");

    private String name = "";
    private String description = "";
    private String rules = "";
    private String kind = "public";
    private String owner = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description == null ? "" : description;
    }

    public String getRules() {
        return rules;
    }

    public void setRules(String rules) {
        this.rules = rules == null ? "" : rules;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind == null ? "" : kind;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner == null ? "" : owner;
    }

    /** The form filled in with the group as it is, for its edit page. */
    static GroupForm of(Group g) {
        GroupForm form = new GroupForm();
        form.setName(g.name());
        form.setDescription(g.description());
        form.setRules(g.rules());
        form.setKind(g.kind());
        return form;
    }

    GroupDraft draft() {
        return new GroupDraft(oneLine(name), PostText.normalise(description), PostText.normalise(rules), kind);
    }

    private static String oneLine(String s) {
        return PostText.normalise(s).replaceAll("\\s+", " ");
    }

    /** The fields in the order the form shows them; {@code associations} are the ids the member may choose as owner. */
    void validate(Errors errors, Set<String> associations) {
        validateTexts(errors);
        if (!KINDS.contains(kind)) {
            errors.rejectValue("kind", "group.kind.invalid");
        }
        if (!owner.isEmpty() && !associations.contains(owner)) {
            errors.rejectValue("owner", "group.owner.invalid");
        }
    }

    /** The name, description and rules: all an edit may change. */
    void validateTexts(Errors errors) {
        String n = oneLine(name);
        if (n.isEmpty()) {
            errors.rejectValue("name", "group.name.required");
        } else if (PostText.length(n) > NAME_MAX) {
            errors.rejectValue("name", "group.name.tooLong", new Object[] {NAME_MAX}, null);
        }
        if (PostText.length(PostText.normalise(description)) > DESCRIPTION_MAX) {
            errors.rejectValue("description", "group.description.tooLong", new Object[] {DESCRIPTION_MAX}, null);
        }
        if (PostText.length(PostText.normalise(rules)) > RULES_MAX) {
            errors.rejectValue("rules", "group.rules.tooLong", new Object[] {RULES_MAX}, null);
        }
    }
}
