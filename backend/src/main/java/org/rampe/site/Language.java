package org.rampe.site;

import java.util.Locale;
import java.util.Optional;

/** The languages Rampe is written in. French first: it is the default everywhere. */
public enum Language {
    FR, EN;

    public static final Language DEFAULT = FR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static Optional<Language> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Language language : values()) {
            if (language.code().equalsIgnoreCase(code.strip())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public static Language of(Locale locale) {
        return fromCode(locale.getLanguage()).orElse(DEFAULT);
    }
}
