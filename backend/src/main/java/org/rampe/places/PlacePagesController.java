package org.rampe.places;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.rampe.members.MemberId;
import org.rampe.members.Members;
import org.rampe.members.NeedProfile;
import org.rampe.site.Limited;
import org.rampe.site.MapSettings;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.util.UriComponentsBuilder;

/** The places pages: search results (list first, map as enhancement), a place, adding and editing. */
@Controller
class PlacePagesController {

    static final int PAGE_SIZE = 20;
    static final List<Integer> RADII = List.of(500, 1000, 2000, 5000, 10000, 20000);
    /** The yes/no criteria offered as "must have" filters. */
    static final List<Criterion> FILTERABLE = Arrays.stream(Criterion.values())
            .filter(c -> c.kind() == Criterion.Kind.YES_NO).toList();
    /** The criteria a member may answer when adding a place. */
    static final List<Criterion> FIRST_ANSWERS = List.of(Criterion.STEP_FREE_ENTRANCE, Criterion.DOOR_WIDTH,
            Criterion.ACCESSIBLE_TOILET, Criterion.HEARING_LOOP, Criterion.SIGN_LANGUAGE);

    private final PlaceSearch search;
    private final Places places;
    private final Geocoder geocoder;
    private final MapSettings map;
    private final Members members;
    private final PlaceReports reports;
    private final org.rampe.places.photos.PlacePhotos photos;

    PlacePagesController(PlaceSearch search, Places places, PlaceReports reports, Geocoder geocoder, MapSettings map,
                         Members members, org.rampe.places.photos.PlacePhotos photos) {
        this.photos = photos;
        this.search = search;
        this.places = places;
        this.reports = reports;
        this.geocoder = geocoder;
        this.map = map;
        this.members = members;
    }

    /**
     * The search. Needs, fit and criteria never come from the address: they are the ones chosen in
     * this session (POST below), else a member's declared needs, else none.
     */
    @GetMapping("/places")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String near,
                  @RequestParam(required = false) String lat, @RequestParam(required = false) String lon,
                  @RequestParam(required = false) String radius, @RequestParam(required = false) String bbox,
                  @RequestParam(required = false) List<String> needs, @RequestParam(required = false) String fit,
                  @RequestParam(name = "criterion", required = false) List<String> criteria,
                  @RequestParam(required = false) String after, @RequestParam(required = false) String needsChosen,
                  @AuthenticationPrincipal Viewer viewer, HttpServletRequest request, Model model) {
        // An address from before (a bookmark, a shared link) that still carries needs: they are
        // remembered in the session and the same search is answered at an address without them.
        if (needs != null || fit != null || criteria != null || needsChosen != null) {
            List<String> chosen = needs != null ? needs : needsChosen == null ? declaredNeeds(viewer) : List.of();
            SearchChoices.of(chosen, fit, criteria).remember(request);
            return "redirect:" + searchUrl(q, near, lat, lon, radius, bbox, after, false);
        }
        var choices = SearchChoices.remembered(request)
                .orElseGet(() -> SearchChoices.of(declaredNeeds(viewer), null, null));
        var params = new PlaceSearch.Parameters(q, near, lat, lon, radius, bbox, choices.needs(), choices.fit(),
                choices.criteria(), after, null);
        model.addAttribute("params", params);
        model.addAttribute("radii", RADII);
        model.addAttribute("needProfiles", NeedProfile.values());
        model.addAttribute("filterable", FILTERABLE);
        model.addAttribute("fits", PlaceSearch.Fit.values());
        model.addAttribute("map", map);
        boolean asked = q != null || near != null || lat != null || bbox != null;
        if (!asked) {
            return "places/search";
        }
        var checked = search.check(params, PAGE_SIZE, false);
        if (!checked.ok()) {
            model.addAttribute("problems", checked.problems());
            return "places/search";
        }
        var query = checked.value();
        var page = search.search(query);
        model.addAttribute("query", query);
        model.addAttribute("results", page.places().stream().map(p -> new Result(p, query.needs().isEmpty() ? null : p.verdictFor(query.needs()))).toList());
        model.addAttribute("more", page.nextCursor() == null ? null
                : searchUrl(q, near, lat, lon, radius, bbox, page.nextCursor(), false));
        return "places/search";
    }

    /**
     * The search form posts here: what it says about needs, fit and criteria is remembered in the
     * session (for a visitor too), and the browser goes to the search's address, which holds only
     * where and what to look for.
     */
    @Limited(value = "places.search", perMember = 600, perAddress = 1200)
    @PostMapping("/places")
    String choose(@RequestParam(required = false) String q, @RequestParam(required = false) String near,
                  @RequestParam(required = false) String lat, @RequestParam(required = false) String lon,
                  @RequestParam(required = false) String radius, @RequestParam(required = false) String bbox,
                  @RequestParam(required = false) List<String> needs, @RequestParam(required = false) String fit,
                  @RequestParam(name = "criterion", required = false) List<String> criteria, HttpServletRequest request) {
        SearchChoices.of(needs, fit, criteria).remember(request);
        return "redirect:" + searchUrl(q, near, lat, lon, radius, bbox, null, true);
    }

    private List<String> declaredNeeds(Viewer viewer) {
        return viewer == null ? List.of()
                : members.declaredNeeds(new MemberId(viewer.memberId())).stream().map(NeedProfile::key).toList();
    }

    /** One line of the results list: the place and its verdict for the chosen needs (null when none chosen). */
    record Result(PlaceSummary place, Verdict verdict) {
    }

    /**
     * The search's address: where and what, never needs, fit or criteria. {@code fromForm}: the form's
     * two text fields are kept even when empty, as a GET form would send them (a search was asked).
     */
    static String searchUrl(String q, String near, String lat, String lon, String radius, String bbox, String after,
                            boolean fromForm) {
        var map = new org.springframework.util.LinkedMultiValueMap<String, String>();
        if (fromForm) {
            map.add("near", near == null ? "" : near);
            map.add("q", q == null ? "" : q);
        } else {
            put(map, "q", q);
            put(map, "near", near);
        }
        put(map, "lat", lat);
        put(map, "lon", lon);
        put(map, "radius", radius);
        put(map, "bbox", bbox);
        put(map, "after", after);
        return UriComponentsBuilder.fromPath("/places").queryParams(map).build().encode().toUriString();
    }

    private static void put(org.springframework.util.MultiValueMap<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.add(key, value);
        }
    }

    @GetMapping("/places/{id}")
    String place(@PathVariable("id") PlaceId placeId, @AuthenticationPrincipal Viewer viewer, Model model) {
        var view = places.view(placeId).orElseThrow(PlacePagesController::notFound);
        model.addAttribute("place", view.details().summary());
        model.addAttribute("view", view);
        model.addAttribute("groups", groups());
        model.addAttribute("mine", viewer == null ? Map.of() : places.answersOf(placeId, viewer.memberId()));
        model.addAttribute("reasons", PlaceReports.Reason.keys());
        model.addAttribute("photos", photos.of(placeId));
        return "places/place";
    }

    static Map<Criterion.Group, List<Criterion>> groups() {
        Map<Criterion.Group, List<Criterion>> groups = new LinkedHashMap<>();
        for (Criterion c : Criterion.values()) {
            groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
        }
        return groups;
    }

    @Limited(value = "places.answers", perMember = 300, perAddress = 600)
    @PostMapping("/places/{id}/answers")
    String answer(@PathVariable("id") PlaceId placeId, @RequestParam String criterion,
                  @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String comment,
                  @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var c = Criterion.fromKey(criterion).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        if (!places.exists(placeId)) {
            throw notFound();
        }
        if (value.isBlank() || "unknown".equals(value)) {
            places.withdraw(placeId, viewer.memberId(), c);
        } else {
            var normalised = c.normalise(value);
            if (normalised.isEmpty()) {
                redirect.addFlashAttribute("answerProblem", c.key());
                // What was typed comes back into the field, with the comment.
                redirect.addFlashAttribute("answerTyped", value.length() > 50 ? value.substring(0, 50) : value);
                redirect.addFlashAttribute("answerComment", comment.length() > 500 ? comment.substring(0, 500) : comment);
                return "redirect:/places/" + placeId + "#answer-" + c.key();
            }
            places.answer(placeId, viewer.memberId(), c, normalised.get(), comment.strip().length() > 500
                    ? comment.strip().substring(0, 500) : comment.strip());
        }
        redirect.addFlashAttribute("notice", "place.answer.saved");
        return "redirect:/places/" + placeId + "#criterion-" + c.key();
    }

    @Limited(value = "reports", perMember = 30, perAddress = 100)
    @PostMapping("/places/{id}/report")
    String report(@PathVariable("id") PlaceId placeId, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String text, @AuthenticationPrincipal Viewer viewer,
                  RedirectAttributes redirect) {
        if (!places.exists(placeId)) {
            throw notFound();
        }
        var chosen = PlaceReports.Reason.fromKey(reason);
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute("reportProblem", "place.report.reason.required");
            redirect.addFlashAttribute("reportText", text);
            return "redirect:/places/" + placeId + "#report";
        }
        reports.report(placeId, viewer.memberId(), chosen.get(), text.length() > 2000 ? text.substring(0, 2000) : text);
        redirect.addFlashAttribute("notice", "place.report.received");
        return "redirect:/places/" + placeId;
    }

    /** A member answers "is it still open?" about a place gone from its source's data. */
    @Limited(value = "places.edits", perMember = 60, perAddress = 120)
    @PostMapping("/places/{id}/still-there")
    String stillThere(@PathVariable("id") PlaceId placeId, @RequestParam(defaultValue = "") String answer,
                      @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        if (!places.exists(placeId)) {
            throw notFound();
        }
        switch (answer) {
            case "open" -> places.confirmOpen(placeId, viewer.memberId());
            case "closed" -> places.confirmClosed(placeId, viewer.memberId());
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        redirect.addFlashAttribute("notice", "place.maybeClosed.thanks");
        return "redirect:/places/" + placeId;
    }

    @GetMapping("/places/new")
    String addForm(Model model) {
        model.addAttribute("form", new PlaceForm());
        return formPage(model, null);
    }

    @Limited(value = "places.new", perMember = 30, perAddress = 60)
    @PostMapping("/places/new")
    String add(@ModelAttribute("form") PlaceForm form, BindingResult errors, @AuthenticationPrincipal Viewer viewer,
               Model model, RedirectAttributes redirect) {
        form.validate(errors);
        GeoPoint location = locate(form, errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            return formPage(model, null);
        }
        var id = places.add(form.getName().strip(), form.getCategory().strip(), form.address(), location,
                viewer.memberId(), form.initialAnswers());
        redirect.addFlashAttribute("notice", "place.form.added");
        return "redirect:/places/" + id;
    }

    @GetMapping("/places/{id}/edit")
    String editForm(@PathVariable("id") PlaceId placeId, Model model) {
        var view = places.view(placeId).orElseThrow(PlacePagesController::notFound);
        model.addAttribute("form", PlaceForm.of(view.details().summary()));
        return formPage(model, placeId);
    }

    @Limited(value = "places.edits", perMember = 60, perAddress = 120)
    @PostMapping("/places/{id}/edit")
    String edit(@PathVariable("id") PlaceId placeId, @ModelAttribute("form") PlaceForm form, BindingResult errors,
                @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        if (!places.exists(placeId)) {
            throw notFound();
        }
        form.validate(errors);
        GeoPoint location = locate(form, errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            return formPage(model, placeId);
        }
        places.updateFacts(placeId, form.getName().strip(), form.getCategory().strip(), form.address(), location, form.isClosed(),
                viewer.memberId());
        redirect.addFlashAttribute("notice", "place.form.updated");
        return "redirect:/places/" + placeId;
    }

    private String formPage(Model model, PlaceId editing) {
        model.addAttribute("editing", editing);
        model.addAttribute("firstAnswers", FIRST_ANSWERS);
        return "places/form";
    }

    private GeoPoint locate(PlaceForm form, BindingResult errors) {
        if (errors.hasFieldErrors("lat") || errors.hasFieldErrors("city")) {
            return null;
        }
        if (form.hasLocation()) {
            return form.location();
        }
        var found = geocoder.locate(form.address().line());
        if (found.isEmpty()) {
            errors.rejectValue("lat", "place.form.location.notFound");
            return null;
        }
        return found.get();
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
