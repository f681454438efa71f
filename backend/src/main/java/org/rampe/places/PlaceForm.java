package org.rampe.places;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.validation.Errors;

/** Adding a place or editing its basic facts; what was typed comes back on a mistake. */
public class PlaceForm {

    static final int NAME_MAX = 150;

    private String name = "";
    private String category = "";
    private String street = "";
    private String postcode = "";
    private String city = "";
    private String lat = "";
    private String lon = "";
    private boolean closed;
    private Map<String, String> answers = new LinkedHashMap<>();

    static PlaceForm of(PlaceSummary p) {
        var form = new PlaceForm();
        form.name = p.name();
        form.category = p.category();
        form.street = p.address().street();
        form.postcode = p.address().postcode();
        form.city = p.address().city();
        form.lat = Double.toString(p.location().latitude());
        form.lon = Double.toString(p.location().longitude());
        form.closed = p.closed();
        return form;
    }

    void validate(Errors errors) {
        if (name.isBlank()) {
            errors.rejectValue("name", "place.form.name.required");
        } else if (name.strip().length() > NAME_MAX) {
            errors.rejectValue("name", "place.form.name.tooLong", new Object[] {NAME_MAX}, null);
        }
        if (category.isBlank()) {
            errors.rejectValue("category", "place.form.category.required");
        }
        if (city.isBlank() && lat.isBlank()) {
            errors.rejectValue("city", "place.form.city.required");
        }
        if (!lat.isBlank() || !lon.isBlank()) {
            try {
                location();
            } catch (RuntimeException e) {
                errors.rejectValue("lat", "place.form.location.invalid");
            }
        }
        answers.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                var criterion = Criterion.fromKey(key);
                if (criterion.isEmpty() || criterion.get().normalise(value).isEmpty()) {
                    errors.rejectValue("answers", "place.answer.invalid");
                }
            }
        });
    }

    GeoPoint location() {
        return new GeoPoint(Double.parseDouble(lat.strip().replace(',', '.')), Double.parseDouble(lon.strip().replace(',', '.')));
    }

    boolean hasLocation() {
        return !lat.isBlank() && !lon.isBlank();
    }

    Address address() {
        return new Address(street, postcode, city);
    }

    Map<Criterion, String> initialAnswers() {
        Map<Criterion, String> result = new LinkedHashMap<>();
        answers.forEach((key, value) -> Criterion.fromKey(key)
                .flatMap(c -> c.normalise(value).map(v -> Map.entry(c, v)))
                .ifPresent(e -> result.put(e.getKey(), e.getValue())));
        return result;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? "" : name;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category == null ? "" : category;
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street == null ? "" : street;
    }

    public String getPostcode() {
        return postcode;
    }

    public void setPostcode(String postcode) {
        this.postcode = postcode == null ? "" : postcode;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city == null ? "" : city;
    }

    public String getLat() {
        return lat;
    }

    public void setLat(String lat) {
        this.lat = lat == null ? "" : lat;
    }

    public String getLon() {
        return lon;
    }

    public void setLon(String lon) {
        this.lon = lon == null ? "" : lon;
    }

    public boolean isClosed() {
        return closed;
    }

    public void setClosed(boolean closed) {
        this.closed = closed;
    }

    public Map<String, String> getAnswers() {
        return answers;
    }

    public void setAnswers(Map<String, String> answers) {
        this.answers = answers == null ? new LinkedHashMap<>() : answers;
    }
}
