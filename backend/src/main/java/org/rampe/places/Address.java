package org.rampe.places;

/** A postal address; any part may be empty (many open-data places have none). */
public record Address(String street, String postcode, String city) {

    public Address {
        street = street == null ? "" : street.strip();
        postcode = postcode == null ? "" : postcode.strip();
        city = city == null ? "" : city.strip();
    }

    public String line() {
        String place = (postcode + " " + city).strip();
        return street.isEmpty() ? place : place.isEmpty() ? street : street + ", " + place;
    }
}
