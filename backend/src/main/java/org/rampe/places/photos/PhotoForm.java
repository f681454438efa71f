package org.rampe.places.photos;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import org.rampe.places.Criterion;
import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a member sends with a photo. Typed values are kept as typed so a refused form comes back
 * filled in; the file cannot be (browsers never pre-fill a file field), and the page says so.
 */
public class PhotoForm {

    static final int ALT_MAX = 300;
    static final int CAPTION_MAX = 500;

    private MultipartFile file;
    private String alt = "";
    private String group = "";
    private String licence = Licence.DEFAULT.key();
    private String caption = "";

    public MultipartFile getFile() {
        return file;
    }

    public void setFile(MultipartFile file) {
        this.file = file;
    }

    public String getAlt() {
        return alt;
    }

    public void setAlt(String alt) {
        this.alt = alt == null ? "" : alt;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group == null ? "" : group;
    }

    public String getLicence() {
        return licence;
    }

    public void setLicence(String licence) {
        this.licence = licence == null ? "" : licence;
    }

    public String getCaption() {
        return caption;
    }

    public void setCaption(String caption) {
        this.caption = caption == null ? "" : caption;
    }

    String normalizedAlt() {
        return clean(alt);
    }

    String normalizedCaption() {
        return clean(caption);
    }

    /** NFC and collapsed white space: letters of every script are welcome, control characters are not. */
    private static String clean(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    Optional<Criterion.Group> chosenGroup() {
        for (Criterion.Group g : Criterion.Group.values()) {
            if (g.name().toLowerCase(Locale.ROOT).equals(group)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    Optional<Licence> chosenLicence() {
        return Licence.fromKey(licence);
    }

    boolean hasFile() {
        return file != null && !file.isEmpty();
    }

    /** The typed fields, in the order the form shows them after the file. */
    void validate(Errors errors) {
        String a = normalizedAlt();
        int altLength = a.codePointCount(0, a.length());
        if (a.isEmpty()) {
            errors.rejectValue("alt", "photo.alt.required");
        } else if (altLength > ALT_MAX) {
            errors.rejectValue("alt", "photo.alt.tooLong", new Object[] {ALT_MAX}, null);
        } else if (a.codePoints().anyMatch(Character::isISOControl)) {
            errors.rejectValue("alt", "photo.alt.invalid");
        }
        if (chosenGroup().isEmpty()) {
            errors.rejectValue("group", "photo.group.required");
        }
        if (chosenLicence().isEmpty()) {
            errors.rejectValue("licence", "photo.licence.required");
        }
        String c = normalizedCaption();
        if (c.codePointCount(0, c.length()) > CAPTION_MAX) {
            errors.rejectValue("caption", "photo.caption.tooLong", new Object[] {CAPTION_MAX}, null);
        } else if (c.codePoints().anyMatch(Character::isISOControl)) {
            errors.rejectValue("caption", "photo.caption.invalid");
        }
    }
}
