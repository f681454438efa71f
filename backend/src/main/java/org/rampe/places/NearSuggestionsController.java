package org.rampe.places;

import java.util.List;

import org.rampe.site.Limited;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /places/near-suggestions?q=…}: what the "near" field may mean, for the list box the
 * search form's script shows while someone types (an enhancement: the form works without it). Text
 * shorter than {@value #MIN_LENGTH} characters answers an empty list without a search.
 */
@RestController
class NearSuggestionsController {

    static final int MIN_LENGTH = 3;
    static final int LIMIT = 6;

    private final Geocoder geocoder;

    NearSuggestionsController(Geocoder geocoder) {
        this.geocoder = geocoder;
    }

    /** One suggestion: the text to put in the field, and whether it is a commune, a street or an address. */
    record Item(String label, String kind) {
    }

    record Suggestions(List<Item> suggestions) {
    }

    // Every key typed is a request: a larger allowance than a search, still counted per address.
    @Limited(value = "places.near", perAddress = 3000)
    @GetMapping(value = "/places/near-suggestions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Suggestions> suggestions(@RequestParam(required = false) String q) {
        List<Item> items = q == null || q.strip().length() < MIN_LENGTH ? List.of()
                : geocoder.suggest(q.strip(), LIMIT).stream().map(s -> new Item(s.label(), s.kind().key())).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Suggestions(items));
    }
}
