package org.rampe.places.addresses;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.rampe.places.GeoPoint;
import org.rampe.places.addresses.AddressRepository.Found;
import org.rampe.places.addresses.AddressRepository.FoundStreet;
import org.rampe.places.addresses.Suggestion.Kind;
import org.springframework.stereotype.Component;

/**
 * Finds what "near …" means among the BAN addresses loaded in the graph: a commune ("Montpellier"),
 * a street ("rue de la Loge", "rue de la Loge, Montpellier"), a numbered address ("3 rue de la Loge
 * Montpellier"), whatever the accents and case, with one typing mistake per word allowed.
 *
 * <p>Ranked so that the most likely meaning comes first: a commune named exactly as typed, then
 * communes whose name has every word, then streets (their name and commune hold every word, best
 * match first, then the longest); when a house number is typed, that number on the matching streets
 * comes before the streets themselves. A postcode typed anywhere favours what lies in it.
 */
@Component
public class AddressSearch {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,4})(?:\\s?(bis|ter|quater|quinquies|[a-z])(?=\\s))?\\s+(.+)$");
    private static final Pattern POSTCODE = Pattern.compile("\\b\\d{5}\\b");

    private final AddressRepository repository;

    AddressSearch(AddressRepository repository) {
        this.repository = repository;
    }

    /** The best meaning of the text among the loaded addresses, if any. */
    public Optional<GeoPoint> locate(String text) {
        return suggest(text, 1).stream().findFirst().map(Suggestion::location);
    }

    /** Up to {@code limit} meanings of the text, the likeliest first. */
    public List<Suggestion> suggest(String text, int limit) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String typed = text.length() > 200 ? text.substring(0, 200) : text;
        String[] parts = typed.split(",");
        String first = AddressText.fold(parts[0]);
        String number = null;
        var numbered = NUMBERED.matcher(first);
        if (numbered.matches()) {
            number = numbered.group(1).replaceFirst("^0+(?=\\d)", "") + (numbered.group(2) == null ? "" : " " + numbered.group(2));
            parts[0] = numbered.group(3);
        }
        String postcode = null;
        for (String part : parts) {
            var m = POSTCODE.matcher(AddressText.fold(part));
            if (m.find()) {
                postcode = m.group();
            }
        }
        List<String> streetWords = new ArrayList<>();
        for (int i = 0; i < Math.max(1, parts.length - 1); i++) {
            streetWords.addAll(withoutPostcode(parts[i]));
        }
        List<String> communeWords = parts.length > 1 ? withoutPostcode(parts[parts.length - 1]) : List.of();
        List<String> allWords = new ArrayList<>(streetWords);
        allWords.addAll(communeWords);

        Map<String, Suggestion> found = new LinkedHashMap<>();
        if (number == null && (parts.length == 1 || streetWords.isEmpty())) {
            List<String> words = parts.length == 1 ? streetWords : communeWords;
            if (!words.isEmpty()) {
                add(found, repository.communesNamed(String.join(" ", words), postcode), Kind.COMMUNE);
                String query = AddressText.query(words, null);
                if (query != null) {
                    add(found, favour(repository.communesMatching(query), postcode), Kind.COMMUNE);
                }
            }
        }
        List<FoundStreet> streets = List.of();
        if (!streetWords.isEmpty()) {
            String streetQuery = AddressText.query(streetWords, communeWords.isEmpty() ? null : "key");
            String communeQuery = AddressText.query(communeWords, "cityKey");
            if (streetQuery != null && communeQuery != null) {
                streets = repository.streetsMatching("(" + streetQuery + ") AND (" + communeQuery + ")");
            }
            if (streets.isEmpty()) {
                String anywhere = AddressText.query(allWords, null);
                streets = anywhere == null ? List.of() : repository.streetsMatching(anywhere);
            }
            streets = favourStreets(streets, postcode);
        }
        if (number != null && !streets.isEmpty()) {
            add(found, repository.numbered(streets.stream().map(FoundStreet::id).toList(), number), Kind.ADDRESS);
        }
        add(found, streets.stream().map(FoundStreet::found).toList(), Kind.STREET);
        return found.values().stream().limit(limit).toList();
    }

    private static List<String> withoutPostcode(String part) {
        return AddressText.words(POSTCODE.matcher(AddressText.fold(part)).replaceAll(" "));
    }

    private static void add(Map<String, Suggestion> into, List<Found> found, Kind kind) {
        for (Found f : found) {
            into.putIfAbsent(f.label(), new Suggestion(f.label(), kind, f.location()));
        }
    }

    /** Those in the postcode typed first, keeping the order otherwise. */
    private static List<Found> favour(List<Found> found, String postcode) {
        if (postcode == null) {
            return found;
        }
        return found.stream().sorted(Comparator.comparing(f -> !f.label().contains(postcode))).toList();
    }

    private static List<FoundStreet> favourStreets(List<FoundStreet> found, String postcode) {
        if (postcode == null) {
            return found;
        }
        return found.stream().sorted(Comparator.comparing(f -> !f.found().label().contains(postcode))).toList();
    }
}
