package org.rampe.places;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.rampe.members.NeedProfile;

/**
 * How a place keeps its verdict for each need: the property {@code v_<need>}, and the labels of open
 * places that fit it fully or at least partly (V0004__Fit_labels, V0005__Open_places), which the
 * searches filtered by a need start from.
 */
final class NeedLabels {

    private static final Map<NeedProfile, String> PROPERTY = new EnumMap<>(NeedProfile.class);
    private static final Map<NeedProfile, String> FITS = new EnumMap<>(NeedProfile.class);
    private static final Map<NeedProfile, String> FITS_OR_PARTLY = new EnumMap<>(NeedProfile.class);

    static {
        for (NeedProfile n : NeedProfile.values()) {
            String fits = n.name().charAt(0) + n.name().substring(1).toLowerCase(Locale.ROOT) + "Fits";
            PROPERTY.put(n, "v_" + n.key());
            FITS.put(n, fits);
            FITS_OR_PARTLY.put(n, fits + "OrPartly");
        }
    }

    private NeedLabels() {
    }

    /** The property on a place holding the verdict for this need. */
    static String property(NeedProfile need) {
        return PROPERTY.get(need);
    }

    /** The label of open places that fully fit this need. */
    static String fits(NeedProfile need) {
        return FITS.get(need);
    }

    /** The label of open places that fit this need at least partly. */
    static String fitsOrPartly(NeedProfile need) {
        return FITS_OR_PARTLY.get(need);
    }
}
