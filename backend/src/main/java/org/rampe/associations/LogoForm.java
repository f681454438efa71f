package org.rampe.associations;

import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;

/** The logo form: a picture and what it shows, in words (mandatory). */
class LogoForm {

    static final int ALT_MAX = 300;

    private MultipartFile file;
    private String alt = "";

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

    boolean hasFile() {
        return file != null && !file.isEmpty();
    }

    String normalizedAlt() {
        return AssociationForm.line(alt);
    }

    void validateAlt(Errors errors) {
        String a = normalizedAlt();
        if (a.isEmpty()) {
            errors.rejectValue("alt", "association.logo.alt.required");
        } else if (AssociationForm.length(a) > ALT_MAX) {
            errors.rejectValue("alt", "association.logo.alt.tooLong", new Object[] {ALT_MAX}, null);
        } else if (AssociationForm.hasControl(a, false)) {
            errors.rejectValue("alt", "association.invalidCharacters");
        }
    }
}
