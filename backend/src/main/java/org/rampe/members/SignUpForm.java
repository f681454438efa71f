package org.rampe.members;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.rampe.site.Language;
import org.springframework.validation.Errors;

/**
 * What a visitor types to create an account. Values are kept as typed, so that a refused form
 * comes back with everything but the password filled in.
 */
class SignUpForm {

    static final int PASSWORD_MIN = 12;
    static final int PASSWORD_MAX = 128;
    static final int DISPLAY_NAME_MAX = 60;
    static final int EMAIL_MAX = 254;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern HANDLE = Pattern.compile("^[a-z0-9_]{3,30}$");
    private static final Set<String> RESERVED_HANDLES = Set.of("admin", "administrator", "rampe", "moderator",
            "support", "signin", "signup", "signout", "settings", "preferences", "api", "members", "places", "groups");

    private String email = "";
    private String handle = "";
    private String displayName = "";
    private String password = "";
    private String language = "";

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null ? "" : email;
    }

    public String getHandle() {
        return handle;
    }

    public void setHandle(String handle) {
        this.handle = handle == null ? "" : handle;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName == null ? "" : displayName;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language == null ? "" : language;
    }

    String normalizedEmail() {
        return normalizeEmail(email);
    }

    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    String normalizedHandle() {
        return normalizeHandle(handle);
    }

    /** A handle as it is stored and looked up: stripped, without a leading {@code @}, lower-cased ("" for none). */
    static String normalizeHandle(String handle) {
        if (handle == null) {
            return "";
        }
        String h = handle.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    String normalizedDisplayName() {
        return Normalizer.normalize(displayName.strip(), Normalizer.Form.NFC);
    }

    Language chosenLanguage() {
        return Language.fromCode(language).orElse(Language.DEFAULT);
    }

    /** Field by field, in the order the form shows them, so the error summary reads top-down. */
    void validate(Errors errors) {
        checkEmail(normalizedEmail(), "email", errors);
        String h = normalizedHandle();
        if (h.isEmpty()) {
            errors.rejectValue("handle", "signup.handle.required");
        } else if (!HANDLE.matcher(h).matches()) {
            errors.rejectValue("handle", "signup.handle.invalid");
        } else if (RESERVED_HANDLES.contains(h)) {
            errors.rejectValue("handle", "signup.handle.taken");
        }
        String name = normalizedDisplayName();
        if (name.isEmpty()) {
            errors.rejectValue("displayName", "signup.displayName.required");
        } else if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX) {
            errors.rejectValue("displayName", "signup.displayName.tooLong", new Object[] {DISPLAY_NAME_MAX}, null);
        } else if (DisplayNames.hasHiddenFormatting(name)) {
            errors.rejectValue("displayName", "hardening.displayName.hidden");
        }
        checkPassword(password, "password", errors);
        if (Language.fromCode(language).isEmpty()) {
            errors.rejectValue("language", "signup.language.required");
        }
    }

    /** The rules of an address, wherever one is typed (sign-up, a new address): present and well formed. */
    static void checkEmail(String normalizedEmail, String field, Errors errors) {
        if (normalizedEmail.isEmpty()) {
            errors.rejectValue(field, "signup.email.required");
        } else if (normalizedEmail.length() > EMAIL_MAX || !EMAIL.matcher(normalizedEmail).matches()) {
            errors.rejectValue(field, "signup.email.invalid");
        }
    }

    /**
     * The rules of a new password, wherever one is chosen (sign-up, reset, change): a length, and
     * nothing else to remember or work out (WCAG 3.3.8: no composition rules, paste allowed).
     */
    static void checkPassword(String password, String field, Errors errors) {
        int length = password.codePointCount(0, password.length());
        if (password.isEmpty()) {
            errors.rejectValue(field, "signup.password.required");
        } else if (length < PASSWORD_MIN) {
            errors.rejectValue(field, "signup.password.tooShort", new Object[] {PASSWORD_MIN}, null);
        } else if (length > PASSWORD_MAX) {
            errors.rejectValue(field, "signup.password.tooLong", new Object[] {PASSWORD_MAX}, null);
        } else if (password.isBlank()) {
            errors.rejectValue(field, "signup.password.blank");
        } else if (!WellFormedPasswords.wellFormed(password)) {
            errors.rejectValue(field, "hardening.password.malformed");
        }
    }
}
