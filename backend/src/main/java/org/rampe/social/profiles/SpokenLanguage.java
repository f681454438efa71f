package org.rampe.social.profiles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The languages a member can say they speak, sign languages among them, each named in both site
 * languages by the bundles ({@code profile.language.<key>}). The key is a BCP 47 tag, so a page can
 * use it in {@code lang}.
 */
enum SpokenLanguage {
    FR("fr"), LSF("fsl"), EN("en"), BSL("bfi"), ASL("ase"), ES("es"), DE("de"), IT("it"), PT("pt"), AR("ar"),
    OC("oc"), BR("br"), EU("eu"), CA("ca");

    private final String tag;

    SpokenLanguage(String tag) {
        this.tag = tag;
    }

    /** The key stored and sent by the form: the constant's name in lower case ({@code lsf}, {@code en}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The BCP 47 tag ({@code fsl} for LSF). */
    public String tag() {
        return tag;
    }

    static Optional<SpokenLanguage> fromKey(String key) {
        return Arrays.stream(values()).filter(l -> l.key().equals(key)).findFirst();
    }

    /** The known keys among {@code keys}, in the list's order, once each. */
    static List<String> known(List<String> keys) {
        return Arrays.stream(values()).map(SpokenLanguage::key).filter(keys::contains).toList();
    }
}
