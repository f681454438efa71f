package org.rampe.members;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rampe.site.Limited;
import org.rampe.site.MalformedId;
import org.rampe.site.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Your data": what the archive holds, a button to ask for it, and the member's archives (in
 * preparation, with how far along; ready, with the download; failed). No automatic refresh (WCAG
 * 2.2.1): a link reloads the page, and a small script, where it runs, asks {@code status.json} and
 * says politely when the archive is ready.
 */
@Controller
class ArchiveController {

    static final String PAGE = "/account/data";
    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");

    private final MemberArchives archives;
    private final MessageSource messages;

    ArchiveController(MemberArchives archives, MessageSource messages) {
        this.archives = archives;
        this.messages = messages;
    }

    /** One archive, as the page shows it. */
    record Row(String id, String status, ZonedDateTime requestedAt, String requestedIso, int partsDone, int partsTotal,
               ZonedDateTime expiresAt, String expiresIso, String size, String link) {
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal Viewer viewer, Locale locale, Model model) {
        var rows = rows(new MemberId(viewer.memberId()), locale);
        model.addAttribute("archives", rows);
        model.addAttribute("preparing", rows.stream().anyMatch(r -> r.status().equals("preparing")));
        model.addAttribute("days", MemberArchives.KEPT.toDays());
        return "members/data";
    }

    @Limited(value = "archive", inService = "members.MemberArchives")
    @PostMapping(PAGE)
    String ask(@AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var asked = archives.ask(new MemberId(viewer.memberId()));
        redirect.addFlashAttribute("notice", asked instanceof MemberArchives.Asked.Started
                ? "data.notice.started" : "data.notice.alreadyPreparing");
        return "redirect:" + PAGE;
    }

    /** The same list for the page's script: each archive's status and, in the page's language, its line. */
    @GetMapping(value = PAGE + "/status.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> status(@AuthenticationPrincipal Viewer viewer, Locale locale) {
        List<Map<String, Object>> items = rows(new MemberId(viewer.memberId()), locale).stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", r.id());
            item.put("status", r.status());
            item.put("partsDone", r.partsDone());
            item.put("partsTotal", r.partsTotal());
            item.put("message", message(r, locale));
            return item;
        }).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("archives", items));
    }

    @Limited(value = "archive.downloads", perMember = 30, perAddress = 60)
    @GetMapping(PAGE + "/archives/{id}")
    ResponseEntity<Resource> download(@AuthenticationPrincipal Viewer viewer, @PathVariable String id) {
        String archiveId;
        try {
            archiveId = MalformedId.canonicalUuid(id, "archive");
        } catch (MalformedId e) {
            throw notFound();
        }
        // Someone else's archive, an unknown or an expired one: the same 404.
        var download = archives.download(new MemberId(viewer.memberId()), archiveId).orElseThrow(ArchiveController::notFound);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(download.archive().requestedAt().atZone(SHOWN_IN));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("rampe-archive-" + date + ".zip").build().toString())
                .cacheControl(CacheControl.noStore())
                .body(new FileSystemResource(download.file()));
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    private List<Row> rows(MemberId member, Locale locale) {
        return archives.of(member).stream().map(a -> new Row(a.id(), a.status(), a.requestedAt().atZone(SHOWN_IN), iso(a.requestedAt()),
                a.partsDone(), a.partsTotal(), a.expiresAt() == null ? null : a.expiresAt().atZone(SHOWN_IN),
                a.expiresAt() == null ? null : iso(a.expiresAt()), a.ready() ? size(a.bytes(), locale) : null,
                a.ready() ? PAGE + "/archives/" + a.id() : null)).toList();
    }

    /** The line the page shows for one archive, for the script to announce. */
    private String message(Row r, Locale locale) {
        return switch (r.status()) {
            case "preparing" -> messages.getMessage("data.archive.preparing",
                    new Object[] {DateTimeFormatter.ofPattern("HH:mm", locale).format(r.requestedAt()), r.partsDone(), r.partsTotal()}, locale);
            case "ready" -> messages.getMessage("data.archive.readyLive", null, locale);
            default -> messages.getMessage("data.archive.failed", null, locale);
        };
    }

    /** "1,2 Mo", "340 ko": a size a person reads. */
    private String size(long bytes, Locale locale) {
        if (bytes < 1024 * 1024) {
            return messages.getMessage("data.size.kb", new Object[] {Math.max(1, Math.round(bytes / 1024.0))}, locale);
        }
        return messages.getMessage("data.size.mb", new Object[] {bytes / (1024.0 * 1024.0)}, locale);
    }

    private static String iso(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
