package org.rampe.social;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * What a post card prints, worked out in Java for the page's language: the words that do not
 * change from card to card are looked up once per language (not 5 × 2 message lookups for each
 * card's reaction buttons), the dates formatted once per card, the links built once. A profile of
 * {@code GET /feed} put two thirds of the request in Thymeleaf drawing 20 cards, so the card
 * template only reads ready strings ({@code social/post-card :: card}, through
 * {@code @cardTexts.view(post, #locale)}).
 *
 * <p>Every string still comes from the message bundles, with the same keys and arguments as the
 * template used; Thymeleaf escapes them as it did ({@code th:text}).
 */
@Component("cardTexts")
class CardTexts {

    /** How cards print a date, as {@code #temporals.format(…, 'd MMMM yyyy, HH:mm', #locale)} did. */
    private static final String DATE_PATTERN = "d MMMM yyyy, HH:mm";
    /** The site speaks two languages; a few more keys would only come from a misconfiguration. */
    private static final int MAX_CACHED_LOCALES = 8;

    private final MessageSource messages;
    private final Map<Locale, Words> words = new ConcurrentHashMap<>();

    CardTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The fixed words of cards in one language. */
    record Words(Locale locale, DateTimeFormatter dates, Map<Reaction, String> reactionNames, String reactionLegend,
                 String countsLegend, Map<String, String> visibility, String edited, String edit, String delete,
                 String report, String former) {
    }

    /** One reaction as the bar shows it: its key (the form's value), emoji, name and count in words, and whether the viewer chose it. */
    public record ReactionButton(String key, String emoji, String label, boolean pressed, long count) {

        /** For {@code aria-pressed}, which wants the words, not a boolean attribute. */
        public String ariaPressed() {
            return pressed ? "true" : "false";
        }
    }

    /**
     * A reaction bar: the buttons of the whole set (members) and the reactions chosen at least once
     * (what visitors read), with the form's legend and the list's name.
     */
    public record ReactionBar(List<ReactionButton> buttons, List<ReactionButton> chosen, String legend, String countsLegend) {
    }

    /** A card as its template prints it: {@code post} for what comes from the author (text, images, language), the rest ready to print. */
    public record PostCardView(PostCard post, String authorName, String domId, String labelledBy, String authorDomId, String dateDomId,
                               String authorHref, String handleText, String postHref, String commentsHref,
                               String editHref, String deleteHref, String reportHref, String reactionsAction,
                               String createdText, String permalinkLabel, String visibilityLabel,
                               String editedLabel, String editedText, String contentWarningSummary, String commentsLabel,
                               String editLabel, String deleteLabel, String reportLabel, String reportPostLabel,
                               ReactionBar reactions) {
    }

    public PostCardView view(PostCard post, Locale locale) {
        Words w = words(locale);
        String id = post.id();
        String domId = "post-" + id;
        String postHref = "/posts/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
        String created = w.dates().format(post.createdAt());
        // The former member: named in words, no handle, no link (they have no profile).
        String authorName = post.former() ? w.former() : post.authorName();
        return new PostCardView(post, authorName, domId, domId + "-author " + domId + "-date", domId + "-author", domId + "-date",
                post.former() ? null : "/members/" + UriUtils.encodePathSegment(post.authorHandle(), StandardCharsets.UTF_8),
                post.former() ? null : "@" + post.authorHandle(),
                postHref, postHref + "#comments", postHref + "/edit", postHref + "/delete",
                "/report?kind=post&id=" + UriUtils.encodeQueryParam(id, StandardCharsets.UTF_8), postHref + "/reactions",
                created, message("post.card.permalink", locale, authorName, created),
                visibility(post.visibility(), w),
                w.edited(), post.edited() ? w.dates().format(post.editedAt()) : null,
                post.hasContentWarning() ? message("post.card.contentWarning", locale, post.contentWarning()) : null,
                message("post.card.comments", locale, post.commentCount()),
                w.edit(), w.delete(), w.report(), post.mine() ? null : message("mod.report.link.post", locale, authorName),
                bar(post.reactions(), w));
    }

    private String visibility(String visibility, Words w) {
        String known = w.visibility().get(visibility);
        return known != null ? known : message("post.visibility." + visibility + ".short", w.locale());
    }

    /** The reaction bar of a comment (the card builds its own). */
    public ReactionBar reactions(List<ReactionCount> counts, Locale locale) {
        return bar(counts, words(locale));
    }

    private ReactionBar bar(List<ReactionCount> counts, Words w) {
        List<ReactionButton> buttons = new ArrayList<>(counts.size());
        List<ReactionButton> chosen = new ArrayList<>(counts.size());
        for (ReactionCount c : counts) {
            var b = new ReactionButton(c.key(), c.emoji(),
                    message("reaction.count", w.locale(), w.reactionNames().get(c.reaction()), c.count()), c.mine(), c.count());
            buttons.add(b);
            if (c.count() > 0) {
                chosen.add(b);
            }
        }
        return new ReactionBar(buttons, chosen, w.reactionLegend(), w.countsLegend());
    }

    private Words words(Locale locale) {
        Words known = words.get(locale);
        if (known != null) {
            return known;
        }
        Words made = makeWords(locale);
        if (words.size() < MAX_CACHED_LOCALES) {
            words.putIfAbsent(locale, made);
        }
        return made;
    }

    private Words makeWords(Locale locale) {
        Map<Reaction, String> names = new EnumMap<>(Reaction.class);
        for (Reaction r : Reaction.values()) {
            names.put(r, message("reaction." + r.key(), locale));
        }
        Map<String, String> visibility = new java.util.HashMap<>(4);
        for (String v : List.of("public", "followers", "group")) {
            visibility.put(v, message("post.visibility." + v + ".short", locale));
        }
        return new Words(locale, DateTimeFormatter.ofPattern(DATE_PATTERN, locale), names, message("reaction.legend", locale),
                message("reaction.legend.counts", locale), visibility, message("post.card.edited", locale),
                message("post.card.edit", locale), message("post.card.delete", locale), message("mod.report.link", locale),
                message("member.former", locale));
    }

    private String message(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }
}
