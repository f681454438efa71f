package org.rampe.social;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.validation.Errors;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a member sends to write or edit a post. Typed values are kept as typed so a refused form
 * comes back filled in; files cannot be (browsers never pre-fill a file field), and the page says so.
 */
class PostForm {

    static final int MAX_IMAGES = 4;
    static final int CONTENT_WARNING_MAX = 200;
    static final int ALT_MAX = 1_000;
    /** Four of them fit under the container's request cap (application.properties). */
    static final long IMAGE_MAX_BYTES = 6L * 1024 * 1024;
    static final List<String> LANGUAGES = List.of("fr", "en", "es", "de", "it", "pt", "ar");
    static final Set<String> VISIBILITIES = Set.of("public", "followers");

    private String text = "";
    private String contentWarning = "";
    private String language = "";
    private String visibility = "public";
    private List<MultipartFile> images = new ArrayList<>(java.util.Arrays.asList(new MultipartFile[MAX_IMAGES]));
    private List<String> alts = new ArrayList<>(List.of("", "", "", ""));

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text == null ? "" : text;
    }

    public String getContentWarning() {
        return contentWarning;
    }

    public void setContentWarning(String contentWarning) {
        this.contentWarning = contentWarning == null ? "" : contentWarning;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language == null ? "" : language;
    }

    public String getVisibility() {
        return visibility;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility == null ? "" : visibility;
    }

    public List<MultipartFile> getImages() {
        return images;
    }

    public void setImages(List<MultipartFile> images) {
        this.images = images == null ? new ArrayList<>(java.util.Arrays.asList(new MultipartFile[MAX_IMAGES])) : images;
    }

    public List<String> getAlts() {
        return alts;
    }

    public void setAlts(List<String> alts) {
        this.alts = alts == null ? new ArrayList<>() : alts;
    }

    /** The description typed for slot {@code i}, or empty. */
    public String alt(int i) {
        return i < alts.size() && alts.get(i) != null ? alts.get(i) : "";
    }

    MultipartFile file(int i) {
        return i < images.size() && images.get(i) != null && !images.get(i).isEmpty() ? images.get(i) : null;
    }

    String normalisedText() {
        return PostText.normalise(text);
    }

    String normalisedContentWarning() {
        return oneLine(contentWarning);
    }

    String normalisedAlt(int i) {
        return oneLine(alt(i));
    }

    private static String oneLine(String s) {
        return PostText.normalise(s).replaceAll("\\s+", " ");
    }

    Posts.Draft draft() {
        return new Posts.Draft(normalisedText(), normalisedContentWarning(), language, visibility);
    }

    /** The id of the field an error is about, for the links of the error summary. */
    public String anchor(String field) {
        if (field.startsWith("alts[")) {
            return "alt-" + field.substring(5, field.length() - 1);
        }
        if (field.startsWith("images[")) {
            return "image-" + field.substring(7, field.length() - 1);
        }
        return field;
    }

    /** The typed fields (not the files), in the order the form shows them. */
    void validate(Errors errors) {
        String t = normalisedText();
        if (t.isEmpty()) {
            errors.rejectValue("text", "post.text.required");
        } else if (PostText.length(t) > PostText.MAX_POST) {
            errors.rejectValue("text", "post.text.tooLong", new Object[] {PostText.MAX_POST, PostText.length(t)}, null);
        }
        String cw = normalisedContentWarning();
        if (PostText.length(cw) > CONTENT_WARNING_MAX) {
            errors.rejectValue("contentWarning", "post.contentWarning.tooLong", new Object[] {CONTENT_WARNING_MAX}, null);
        }
        if (!language.isEmpty() && !LANGUAGES.contains(language)) {
            errors.rejectValue("language", "post.language.invalid");
        }
        if (!VISIBILITIES.contains(visibility)) {
            errors.rejectValue("visibility", "post.visibility.invalid");
        }
    }

    /** The description of image slot {@code i}: mandatory for an image, limited in length. */
    void validateAlt(Errors errors, int i, boolean required) {
        String a = normalisedAlt(i);
        if (required && a.isEmpty()) {
            errors.rejectValue("alts[" + i + "]", "post.alt.required", new Object[] {i + 1}, null);
        } else if (PostText.length(a) > ALT_MAX) {
            errors.rejectValue("alts[" + i + "]", "post.alt.tooLong", new Object[] {i + 1, ALT_MAX}, null);
        }
    }
}
