package org.rampe.site;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.graph.GraphProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages every visitor reaches: home, accessibility statement, privacy, language and display settings. */
@Controller
class SiteController {

    /** Neo4j's retention policy when it is a number of days ("2 days"): the privacy page says it in words. */
    private static final Pattern DAYS = Pattern.compile("(\\d+)\\s*days?", Pattern.CASE_INSENSITIVE);

    private final Personalisation personalisation;
    private final ApplicationEventPublisher events;
    private final Operator operator;
    private final AccessibilityCheck accessibilityCheck;
    private final GraphProperties graphProperties;
    private final MapSettings map;
    private final PublicUrl publicUrl;

    SiteController(Personalisation personalisation, ApplicationEventPublisher events, Operator operator,
                   AccessibilityCheck accessibilityCheck, GraphProperties graphProperties, MapSettings map,
                   PublicUrl publicUrl) {
        this.personalisation = personalisation;
        this.events = events;
        this.operator = operator;
        this.accessibilityCheck = accessibilityCheck;
        this.graphProperties = graphProperties;
        this.map = map;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/")
    String home() {
        return "site/home";
    }

    @GetMapping("/accessibility")
    String accessibility(Model model) {
        model.addAttribute("operator", operator);
        model.addAttribute("lastCheck", accessibilityCheck.lastCheck());
        model.addAttribute("coveredPages", StatementPages.PAGES);
        model.addAttribute("siteUrl", publicUrl.uri().toString());
        return "site/accessibility";
    }

    @GetMapping("/privacy")
    String privacy(Model model) {
        model.addAttribute("operator", operator);
        String retention = graphProperties.txLogRetention().strip();
        Matcher days = DAYS.matcher(retention);
        model.addAttribute("logDays", days.matches() ? Integer.valueOf(days.group(1)) : null);
        model.addAttribute("logRetention", retention);
        model.addAttribute("tilesOrigin", map.tilesOrigin());
        return "site/privacy";
    }

    @Limited(value = "display", perMember = 300, perAddress = 600)
    @PostMapping("/language")
    String language(@RequestParam(name = "lang", defaultValue = "") String code,
                    @RequestParam(name = "returnTo", defaultValue = "/") String returnTo,
                    HttpServletRequest request, HttpServletResponse response) {
        Language language = Language.fromCode(code).orElse(Language.DEFAULT);
        personalisation.remember(request, response, language);
        Viewer viewer = LayoutAdvice.viewer();
        if (viewer != null) {
            events.publishEvent(new LanguageChosen(viewer.memberId(), language));
        }
        return "redirect:" + SafeRedirect.localPath(returnTo);
    }

    @GetMapping("/preferences")
    String preferences(HttpServletRequest request, Model model) {
        DisplayPreferences current = personalisation.preferences(request);
        model.addAttribute("form", PreferencesForm.of(current));
        model.addAttribute("textSize", current.textSize());
        model.addAttribute("textSizes", DisplayPreferences.TEXT_SIZE_CHOICES);
        return "site/preferences";
    }

    /** Reading comfort: contrast, font, motion. The text size stays as it was. */
    @Limited(value = "display", perMember = 300, perAddress = 600)
    @PostMapping("/preferences")
    String savePreferences(PreferencesForm form, HttpServletRequest request, HttpServletResponse response,
                           RedirectAttributes redirect) {
        int textSize = personalisation.preferences(request).textSize();
        save(form.toPreferences(textSize), request, response);
        redirect.addFlashAttribute("notice", "preferences.saved");
        return "redirect:/preferences";
    }

    /** One button per size, applied at once: no arrow keys needed, unlike a radio group. */
    @Limited(value = "display", perMember = 300, perAddress = 600)
    @PostMapping("/preferences/text-size")
    String saveTextSize(@RequestParam("textSize") int textSize, HttpServletRequest request, HttpServletResponse response,
                        RedirectAttributes redirect) {
        if (!DisplayPreferences.TEXT_SIZES.contains(textSize)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        DisplayPreferences current = personalisation.preferences(request);
        save(new DisplayPreferences(textSize, current.highContrast(), current.dyslexiaFont(), current.reducedMotion(),
                        current.hideMap()),
                request, response);
        redirect.addFlashAttribute("notice", "preferences.textSize.saved");
        return "redirect:/preferences";
    }

    private void save(DisplayPreferences preferences, HttpServletRequest request, HttpServletResponse response) {
        personalisation.remember(request, response, preferences);
        Viewer viewer = LayoutAdvice.viewer();
        if (viewer != null) {
            events.publishEvent(new DisplayPreferencesChosen(viewer.memberId(), preferences));
        }
    }
}
