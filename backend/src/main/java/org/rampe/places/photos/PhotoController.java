package org.rampe.places.photos;

import java.util.Optional;

import org.rampe.images.ImageDecodes;
import org.rampe.images.Images;
import org.rampe.images.JpegResponses;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.rampe.places.Criterion;
import org.rampe.places.PhotoId;
import org.rampe.places.PlaceId;
import org.rampe.site.SafeRedirect;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adding a photo to a place, serving it, and reporting it. Uploading and reporting need a
 * signed-in member (the security rules say so for every POST); images are public like places.
 */
@Controller
class PhotoController {

    /** The limit members are told about; the container's own cap is higher (application.properties). */
    static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final int REPORT_TEXT_MAX = 1000;

    private final PlacePhotos photos;
    private final ImageDecodes decodes;

    PhotoController(PlacePhotos photos, ImageDecodes decodes) {
        this.photos = photos;
        this.decodes = decodes;
    }

    @ModelAttribute("groups")
    Criterion.Group[] groups() {
        return Criterion.Group.values();
    }

    @ModelAttribute("licences")
    Licence[] licences() {
        return Licence.values();
    }

    @GetMapping("/places/{placeId}/photos/new")
    String form(@PathVariable("placeId") PlaceId requested, Model model) {
        PlaceId place = existing(requested);
        var form = new PhotoForm();
        model.addAttribute("form", form);
        model.addAttribute("placeId", place.value());
        return "places/photo-form";
    }

    @Limited(value = "photos", perMember = 30, perAddress = 60)
    @PostMapping("/places/{placeId}/photos")
    String upload(@PathVariable("placeId") PlaceId requested, @ModelAttribute("form") PhotoForm form, BindingResult errors,
                  @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        PlaceId place = existing(requested);
        model.addAttribute("placeId", place.value());
        Optional<Images.Cleaned> image = Optional.empty();
        if (!form.hasFile()) {
            errors.rejectValue("file", "photo.file.required");
        } else if (form.getFile().getSize() > MAX_BYTES) {
            errors.rejectValue("file", "photo.file.tooLarge");
        } else {
            try {
                image = Optional.of(decodes.clean(form.getFile()));
            } catch (Images.Refused refused) {
                errors.rejectValue("file", refused.code());
            }
        }
        form.validate(errors);
        if (errors.hasErrors()) {
            if (image.isPresent()) {
                // The file was fine, but the browser will not send it again unless chosen again.
                errors.rejectValue("file", "photo.file.chooseAgain");
            }
            model.addAttribute("failed", true);
            return "places/photo-form";
        }
        var added = photos.add(new PlacePhotos.NewPhoto(place, member.memberId(), image.get(), form.normalizedAlt(),
                form.normalizedCaption(), form.chosenGroup().orElseThrow(), form.chosenLicence().orElseThrow()));
        if (added.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "photo.added");
        return "redirect:/places/" + place.value() + "#photo-" + added.get();
    }

    @GetMapping("/places/{placeId}/photos/{photoId}.jpg")
    ResponseEntity<byte[]> image(@PathVariable("placeId") PlaceId place, @PathVariable PhotoId photoId) {
        byte[] jpeg = photos.jpeg(place, photoId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // A photo's bytes never change, but it may be hidden by moderation: a day of caching
        // bounds how long a hidden photo lingers in shared caches.
        return JpegResponses.publicForADay()
                .eTag('"' + photoId.value() + '"')
                .body(jpeg);
    }

    @Limited(value = "reports", perMember = 30, perAddress = 100)
    @PostMapping("/places/{placeId}/photos/{photoId}/report")
    String report(@PathVariable("placeId") PlaceId place, @PathVariable PhotoId photoId,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String text,
                  @RequestParam(defaultValue = "") String returnTo,
                  @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        String back = returnTo.isBlank() ? "/places/" + place.value() : SafeRedirect.localPath(returnTo);
        String explanation = text.strip();
        Optional<ReportReason> chosen = ReportReason.fromKey(reason);
        if (chosen.isEmpty() || chosen.get() == ReportReason.OTHER && explanation.isEmpty()
                || explanation.codePointCount(0, explanation.length()) > REPORT_TEXT_MAX) {
            redirect.addFlashAttribute("notice", "photo.report.invalid");
            return "redirect:" + back + "#photo-" + photoId.value();
        }
        if (photos.report(place, photoId, member.memberId(), chosen.get(), explanation).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "photo.report.thanks");
        return "redirect:" + back + "#photo-" + photoId.value();
    }

    @GetMapping("/places/{placeId}/photos/{photoId}/delete")
    String confirmDelete(@PathVariable("placeId") PlaceId place, @PathVariable PhotoId photoId,
                         @AuthenticationPrincipal Viewer member, Model model) {
        allowedToDelete(photos.mayDelete(place, photoId, member));
        model.addAttribute("photo", photos.find(place, photoId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "places/photo-delete";
    }

    @Limited(value = "photos.deletes", perMember = 60, perAddress = 120)
    @PostMapping("/places/{placeId}/photos/{photoId}/delete")
    String delete(@PathVariable("placeId") PlaceId place, @PathVariable PhotoId photoId,
                  @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        allowedToDelete(photos.delete(place, photoId, member));
        redirect.addFlashAttribute("notice", "photo.deleted");
        return "redirect:/places/" + place.value() + "#photos";
    }

    private static void allowedToDelete(PlacePhotos.Deletion outcome) {
        switch (outcome) {
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case DELETED -> { }
        }
    }

    /** The place of the URL, or the 404 page for an unknown place (a malformed id never gets here). */
    private PlaceId existing(PlaceId place) {
        if (!photos.placeExists(place)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return place;
    }
}
