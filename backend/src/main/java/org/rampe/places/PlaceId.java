package org.rampe.places;

import java.util.UUID;

/** A place's application id: a UUID, used in URLs and JSON. */
public record PlaceId(String value) {

    public PlaceId {
        UUID.fromString(value);
    }

    static PlaceId random() {
        return new PlaceId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL; empty when it is not a UUID (the page answers 404). */
    public static java.util.Optional<PlaceId> parse(String value) {
        try {
            return java.util.Optional.of(new PlaceId(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
