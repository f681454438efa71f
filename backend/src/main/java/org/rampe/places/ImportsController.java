package org.rampe.places;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' import page: a form (a file sent, or one of the server's import directory),
 * the import running in the background with its progress, the last reports. Everything under /admin
 * needs ROLE_ADMIN (members.SecurityConfiguration); checked here again.
 */
@Controller
class ImportsController {

    /** Problems shown on the page itself; all of them are in the downloadable report. */
    static final int PROBLEMS_SHOWN = 20;

    private final ImportJobs jobs;
    private final Places places;
    private final ImportSettings settings;
    private final MessageSource messages;

    ImportsController(ImportJobs jobs, Places places, ImportSettings settings, MessageSource messages) {
        this.jobs = jobs;
        this.places = places;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/admin/imports")
    String page(@AuthenticationPrincipal Viewer viewer, Model model, Locale locale) {
        administrator(viewer);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ImportForm());
        }
        return page(model, locale);
    }

    private String page(Model model, Locale locale) {
        var current = jobs.current();
        model.addAttribute("current", current.orElse(null));
        model.addAttribute("progressText", current.map(s -> progressText(s, locale)).orElse(null));
        model.addAttribute("since", current.map(s -> when(s.startedAt(), locale)).orElse(null));
        model.addAttribute("when", (java.util.function.Function<Instant, String>) i -> when(i, locale));
        model.addAttribute("recent", jobs.recent());
        model.addAttribute("problemsShown", PROBLEMS_SHOWN);
        model.addAttribute("available", jobs.available());
        model.addAttribute("directory", jobs.directory().toString());
        model.addAttribute("maxUpload", settings.maxUploadSize().toMegabytes());
        model.addAttribute("sources", ImportForm.SOURCES);
        model.addAttribute("areas", ImportForm.AREAS);
        return "places/imports";
    }

    @Limited(value = "imports", perMember = 30)
    @PostMapping(ImportUploads.PATH)
    String start(@ModelAttribute("form") ImportForm form, BindingResult errors,
                 @RequestParam(name = "file", required = false) MultipartFile file,
                 @AuthenticationPrincipal Viewer viewer, Model model, Locale locale, RedirectAttributes redirect)
            throws IOException {
        administrator(viewer);
        boolean uploaded = file != null && !file.isEmpty();
        Area area = form.validate(errors, uploaded);
        Path inDirectory = null;
        if (!uploaded && !form.getPath().isBlank()) {
            inDirectory = jobs.inDirectory(form.getPath()).orElse(null);
            if (inDirectory == null) {
                errors.rejectValue("path", "imports.error.outside", new Object[] {jobs.directory().toString()}, null);
            }
        }
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            model.addAttribute("uploadLost", uploaded);
            return page(model, locale);
        }
        if (area instanceof Area.Departement d) {
            area = places.departement(d.code());
        }
        var options = new ImportOptions(area, form.isComplete());
        ImportJobs.Request request;
        if (uploaded) {
            String name = displayName(file.getOriginalFilename());
            Path target = jobs.uploads().resolve(UUID.randomUUID() + "-" + name);
            file.transferTo(target);
            request = new ImportJobs.Request(form.getSource(), target, name, options, true);
        } else {
            request = new ImportJobs.Request(form.getSource(), inDirectory,
                    jobs.directory().relativize(inDirectory).toString(), options, false);
        }
        var started = jobs.start(request, viewer.handle());
        if (started.busy() != null) {
            var busy = started.busy();
            model.addAttribute("failed", true);
            model.addAttribute("uploadLost", uploaded);
            errors.reject("imports.busy", new Object[] {busy.by(), busy.file(),
                    messages.getMessage("imports.source." + busy.source(), null, busy.source(), locale),
                    when(busy.startedAt(), locale), busy.rows()}, null);
            return page(model, locale);
        }
        redirect.addFlashAttribute("notice", "imports.started");
        return "redirect:/admin/imports";
    }

    /** Where the import stands, for the page's script (which polls it; the page works without). */
    @GetMapping(value = "/admin/imports/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> status(@AuthenticationPrincipal Viewer viewer, Locale locale) {
        administrator(viewer);
        var body = new LinkedHashMap<String, Object>();
        jobs.current().ifPresentOrElse(s -> {
            body.put("running", true);
            body.put("rows", s.rows());
            body.put("percent", s.percent());
            body.put("secondsLeft", s.secondsLeft());
            body.put("text", progressText(s, locale));
        }, () -> {
            body.put("running", false);
            body.put("text", messages.getMessage("imports.progress.done", null, locale));
        });
        body.put("finished", jobs.recent().stream().map(ImportJobs.Job::id).toList());
        return body;
    }

    /** A finished import's whole report, every skipped row and dropped value with where it is. */
    @GetMapping("/admin/imports/{id}/report.txt")
    ResponseEntity<String> report(@PathVariable String id, @AuthenticationPrincipal Viewer viewer) {
        administrator(viewer);
        var job = jobs.finished(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("import-" + job.startedAt().toString().replace(':', '-') + ".txt").build().toString())
                .body(ImportReports.text(job));
    }

    /** "12 000 rows read, 34 %, about 2 min left" in the page's language. */
    String progressText(ImportJobs.Status s, Locale locale) {
        String rows = messages.getMessage("imports.progress.rows", new Object[] {s.rows()}, locale);
        String percent = s.percent() >= 0 ? messages.getMessage("imports.progress.percent", new Object[] {s.percent()}, locale) : null;
        String left = s.secondsLeft() < 0 ? null : s.secondsLeft() < 60
                ? messages.getMessage("imports.progress.leftSeconds", new Object[] {Math.max(1, s.secondsLeft())}, locale)
                : messages.getMessage("imports.progress.leftMinutes", new Object[] {(s.secondsLeft() + 59) / 60}, locale);
        var text = new StringBuilder(rows);
        if (percent != null) {
            text.append(", ").append(percent);
        }
        if (left != null) {
            text.append(", ").append(left);
        }
        return text.toString();
    }

    /** The name an upload is shown and kept under: its last part, letters, digits and . - _ only. */
    static String displayName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (name.isBlank() || name.chars().allMatch(c -> c == '.')) {
            name = "upload";
        }
        return name.length() > 100 ? name.substring(name.length() - 100) : name;
    }

    private static void administrator(Viewer viewer) {
        if (viewer == null || !viewer.admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** A moment as the page says it: "8 déc. 2026, 14:32" in the server's time zone. */
    static String when(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(ZoneId.systemDefault()).format(instant);
    }
}
