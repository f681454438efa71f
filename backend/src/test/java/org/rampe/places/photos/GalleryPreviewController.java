package org.rampe.places.photos;

import org.rampe.places.PlaceId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Test-only: renders the gallery fragment alone, the way the place page will include it. */
@Controller
class GalleryPreviewController {

    private final PlacePhotos photos;

    GalleryPreviewController(PlacePhotos photos) {
        this.photos = photos;
    }

    @GetMapping("/test/photos/{placeId}")
    String gallery(@PathVariable("placeId") PlaceId place, Model model) {
        model.addAttribute("photos", photos.of(place));
        model.addAttribute("placeId", place);
        return "places/photos :: gallery(photos=${photos}, placeId=${placeId})";
    }
}
