package org.rampe.social.profiles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;

/**
 * The "edit my profile" form. Values are kept as typed, so a refused form comes back filled in;
 * only the file cannot be (browsers never pre-fill a file field), and the page says so.
 */
class ProfileForm {

    static final int DISPLAY_NAME_MAX = 60;
    static final int BIO_MAX = 500;
    static final int PRONOUNS_MAX = 40;
    static final int CITY_MAX = 80;
    static final int ALT_MAX = 300;

    private String displayName = "";
    private String bio = "";
    private String pronouns = "";
    private List<String> languages = new ArrayList<>();
    private String city = "";
    private boolean privateAccount;
    private MultipartFile avatar;
    private String avatarAlt = "";
    private boolean removeAvatar;

    static ProfileForm of(Profile p) {
        var form = new ProfileForm();
        form.displayName = p.displayName();
        form.bio = p.bio();
        form.pronouns = p.pronouns();
        form.languages = new ArrayList<>(p.languages());
        form.city = p.city();
        form.privateAccount = p.privateAccount();
        form.avatarAlt = p.avatar() == null ? "" : p.avatar().alt();
        return form;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName == null ? "" : displayName;
    }

    public String getBio() {
        return bio;
    }

    public void setBio(String bio) {
        this.bio = bio == null ? "" : bio;
    }

    public String getPronouns() {
        return pronouns;
    }

    public void setPronouns(String pronouns) {
        this.pronouns = pronouns == null ? "" : pronouns;
    }

    public List<String> getLanguages() {
        return languages;
    }

    public void setLanguages(List<String> languages) {
        this.languages = languages == null ? new ArrayList<>() : new ArrayList<>(languages);
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city == null ? "" : city;
    }

    public boolean isPrivateAccount() {
        return privateAccount;
    }

    public void setPrivateAccount(boolean privateAccount) {
        this.privateAccount = privateAccount;
    }

    public MultipartFile getAvatar() {
        return avatar;
    }

    public void setAvatar(MultipartFile avatar) {
        this.avatar = avatar;
    }

    public String getAvatarAlt() {
        return avatarAlt;
    }

    public void setAvatarAlt(String avatarAlt) {
        this.avatarAlt = avatarAlt == null ? "" : avatarAlt;
    }

    public boolean isRemoveAvatar() {
        return removeAvatar;
    }

    public void setRemoveAvatar(boolean removeAvatar) {
        this.removeAvatar = removeAvatar;
    }

    boolean hasFile() {
        return avatar != null && !avatar.isEmpty();
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

    ProfileRepository.Changes changes() {
        return new ProfileRepository.Changes(line(displayName), lines(bio), line(pronouns), SpokenLanguage.known(languages),
                line(city), privateAccount);
    }

    /** The typed fields before the avatar, in the form's order: name, pronouns, bio, city. */
    void validate(Errors errors) {
        String name = line(displayName);
        if (name.isEmpty()) {
            errors.rejectValue("displayName", "profile.displayName.required");
        } else if (length(name) > DISPLAY_NAME_MAX) {
            errors.rejectValue("displayName", "profile.displayName.tooLong", new Object[] {DISPLAY_NAME_MAX}, null);
        } else if (org.rampe.members.DisplayNames.hasHiddenFormatting(name)) {
            errors.rejectValue("displayName", "hardening.displayName.hidden");
        }
        String p = line(pronouns);
        if (length(p) > PRONOUNS_MAX) {
            errors.rejectValue("pronouns", "profile.pronouns.tooLong", new Object[] {PRONOUNS_MAX}, null);
        } else if (hasControl(p, false)) {
            errors.rejectValue("pronouns", "profile.invalidCharacters");
        }
        String b = lines(bio);
        if (length(b) > BIO_MAX) {
            errors.rejectValue("bio", "profile.bio.tooLong", new Object[] {BIO_MAX, length(b)}, null);
        } else if (hasControl(b, true)) {
            errors.rejectValue("bio", "profile.invalidCharacters");
        }
        String c = line(city);
        if (length(c) > CITY_MAX) {
            errors.rejectValue("city", "profile.city.tooLong", new Object[] {CITY_MAX}, null);
        } else if (hasControl(c, false)) {
            errors.rejectValue("city", "profile.invalidCharacters");
        }
    }

    /**
     * The avatar's description, checked after the file. {@code avatarAfter}: whether the member will
     * have an avatar once saved (a new file, or the current one kept), which then needs its description.
     */
    void validateAlt(Errors errors, boolean avatarAfter) {
        String alt = line(avatarAlt);
        if (avatarAfter && alt.isEmpty()) {
            errors.rejectValue("avatarAlt", "profile.avatarAlt.required");
        } else if (length(alt) > ALT_MAX) {
            errors.rejectValue("avatarAlt", "profile.avatarAlt.tooLong", new Object[] {ALT_MAX}, null);
        } else if (hasControl(alt, false)) {
            errors.rejectValue("avatarAlt", "profile.invalidCharacters");
        }
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static boolean hasControl(String s, boolean newlinesAllowed) {
        return s.codePoints().anyMatch(cp -> Character.isISOControl(cp) && !(newlinesAllowed && cp == '\n'));
    }
}
