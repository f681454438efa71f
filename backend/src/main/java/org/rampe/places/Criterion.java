package org.rampe.places;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The accessibility criteria a place can be rated on, aligned with the acceslibre exchange format
 * and A11yJSON (see graph-schema/README.md for the crosswalk). A new criterion is one more
 * constant here and two lines in each message bundle: answers, consensus and the API handle it.
 */
public enum Criterion {
    STEP_FREE_ENTRANCE(Group.ENTRANCE, Kind.YES_NO),
    ENTRANCE_STEPS(Group.ENTRANCE, Kind.COUNT),
    STEP_HEIGHT(Group.ENTRANCE, Kind.CENTIMETRES),
    RAMP(Group.ENTRANCE, Kind.CHOICE, "none", "fixed", "removable"),
    DOOR_WIDTH(Group.ENTRANCE, Kind.CENTIMETRES),
    AUTOMATIC_DOOR(Group.ENTRANCE, Kind.YES_NO),
    CALL_DEVICE(Group.ENTRANCE, Kind.YES_NO),
    LIFT(Group.PATH, Kind.YES_NO),
    STEP_FREE_PATH_TO_RECEPTION(Group.PATH, Kind.YES_NO),
    HEARING_LOOP(Group.RECEPTION, Kind.YES_NO),
    SIGN_LANGUAGE(Group.RECEPTION, Kind.YES_NO),
    TRAINED_STAFF(Group.RECEPTION, Kind.YES_NO),
    GUIDE_DOGS_WELCOME(Group.RECEPTION, Kind.YES_NO),
    QUIET_ENVIRONMENT(Group.RECEPTION, Kind.YES_NO),
    EASY_READ_INFORMATION(Group.RECEPTION, Kind.YES_NO),
    ACCESSIBLE_TOILET(Group.TOILETS, Kind.YES_NO),
    PARKING_ON_SITE(Group.PARKING, Kind.YES_NO),
    PARKING_NEARBY(Group.PARKING, Kind.YES_NO);

    /** Where on a visit the criterion is met: the place page groups criteria this way. */
    public enum Group { ENTRANCE, PATH, RECEPTION, TOILETS, PARKING }

    /** How an answer is given: yes or no, a count, a measure in centimetres, or one of a few choices. */
    public enum Kind { YES_NO, COUNT, CENTIMETRES, CHOICE }

    private final Group group;
    private final Kind kind;
    private final List<String> choices;
    private final String key;
    private final String property;

    Criterion(Group group, Kind kind, String... choices) {
        this.group = group;
        this.kind = kind;
        this.choices = kind == Kind.YES_NO ? List.of("yes", "no") : List.of(choices);
        this.key = name().toLowerCase(Locale.ROOT);
        this.property = "a_" + key;
    }

    public Group group() {
        return group;
    }

    public Kind kind() {
        return kind;
    }

    /** The allowed values for yes/no and choice criteria; empty for measures. */
    public List<String> choices() {
        return choices;
    }

    public boolean measured() {
        return kind == Kind.COUNT || kind == Kind.CENTIMETRES;
    }

    /** The key used in URLs, forms, JSON and the graph: {@code step_free_entrance}. */
    public String key() {
        return key;
    }

    /** The property on a place holding this criterion's consensus value. */
    String property() {
        return property;
    }

    static Optional<Criterion> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (Criterion c : values()) {
            if (c.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Checks and normalises a value for this criterion: "yes"/"no", a choice, or a whole number
     * within a plausible range. Empty when the value is not acceptable.
     */
    Optional<String> normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case YES_NO, CHOICE -> choices.contains(v) ? Optional.of(v) : Optional.empty();
            case COUNT -> wholeNumber(v, 0, 200);
            case CENTIMETRES -> wholeNumber(v, 0, 1000);
        };
    }

    private static Optional<String> wholeNumber(String v, int min, int max) {
        try {
            int n = (int) Math.round(Double.parseDouble(v.replace(',', '.')));
            return n >= min && n <= max ? Optional.of(Integer.toString(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
