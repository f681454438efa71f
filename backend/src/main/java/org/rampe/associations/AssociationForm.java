package org.rampe.associations;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Locale;

import org.springframework.validation.Errors;

/**
 * The "create" and "edit" forms of an association page. Values are kept as typed, so a refused
 * form comes back filled in; {@link #fields()} gives them normalised (NFC, spaces collapsed).
 */
public class AssociationForm {

    static final int NAME_MAX = 100;
    static final int DESCRIPTION_MAX = 3000;
    static final int CONTACT_MAX = 500;
    static final int WEBSITE_MAX = 300;

    private String name = "";
    private String description = "";
    private String contact = "";
    private String website = "";

    static AssociationForm of(Association a) {
        var form = new AssociationForm();
        form.name = a.name();
        form.description = a.description();
        form.contact = a.contact();
        form.website = a.website();
        return form;
    }

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

    public String getContact() {
        return contact;
    }

    public void setContact(String contact) {
        this.contact = contact == null ? "" : contact;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website == null ? "" : website;
    }

    /** What the form says, normalised; only after {@link #validate} found nothing wrong. */
    public record Fields(String name, String description, String contact, String website) {
    }

    Fields fields() {
        return new Fields(line(name), lines(description), lines(contact), line(website));
    }

    void validate(Errors errors) {
        String n = line(name);
        if (n.isEmpty()) {
            errors.rejectValue("name", "association.name.required");
        } else if (length(n) > NAME_MAX) {
            errors.rejectValue("name", "association.name.tooLong", new Object[] {NAME_MAX}, null);
        } else if (hasControl(n, false)) {
            errors.rejectValue("name", "association.invalidCharacters");
        }
        String d = lines(description);
        if (d.isEmpty()) {
            errors.rejectValue("description", "association.description.required");
        } else if (length(d) > DESCRIPTION_MAX) {
            errors.rejectValue("description", "association.description.tooLong", new Object[] {DESCRIPTION_MAX, length(d)}, null);
        } else if (hasControl(d, true)) {
            errors.rejectValue("description", "association.invalidCharacters");
        }
        String c = lines(contact);
        if (length(c) > CONTACT_MAX) {
            errors.rejectValue("contact", "association.contact.tooLong", new Object[] {CONTACT_MAX}, null);
        } else if (hasControl(c, true)) {
            errors.rejectValue("contact", "association.invalidCharacters");
        }
        String w = line(website);
        if (length(w) > WEBSITE_MAX) {
            errors.rejectValue("website", "association.website.tooLong", new Object[] {WEBSITE_MAX}, null);
        } else if (!w.isEmpty() && !isWebAddress(w)) {
            errors.rejectValue("website", "association.website.invalid");
        }
    }

    /** An absolute http or https address with a host: the only links made from what a member typed. */
    static boolean isWebAddress(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** One line: NFC, white space collapsed. */
    static String line(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    /** Several lines: NFC, unix line ends, at most one empty line in a row, no blanks around. */
    static String lines(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n')
                .replaceAll("[ \\t\\x0B\\f]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    static boolean hasControl(String s, boolean newlinesAllowed) {
        return s.codePoints().anyMatch(cp -> Character.isISOControl(cp) && !(newlinesAllowed && cp == '\n'));
    }
}
