package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The ready-made words and links of a post card, in both languages, as the template printed them before. */
class CardTextsTest extends RampeTest {

    @Autowired
    CardTexts texts;

    static final String ID = "5b0a4c44-55c1-4a57-9a39-7e0c0a1f6a01";

    private PostCard card(boolean mine, String contentWarning, ZonedDateTime editedAt, List<ReactionCount> reactions) {
        return new PostCard(ID, "author-id", "ana", "Ana", ZonedDateTime.of(2026, 11, 28, 16, 53, 0, 0, ZoneId.of("Europe/Paris")),
                editedAt, "text", "text", contentWarning, "fr", "followers", List.of(), reactions, 3, mine, true, null, false);
    }

    private static List<ReactionCount> supportedTwiceByTheViewerToo() {
        return ReactionCount.of(List.of("support", "support", "thanks"), List.of("support"));
    }

    @Test
    void aCardInFrenchHasItsDateLabelsAndLinksReady() {
        var v = texts.view(card(false, "hôpital", null, supportedTwiceByTheViewerToo()), Locale.FRENCH);
        assertThat(v.domId()).isEqualTo("post-" + ID);
        assertThat(v.labelledBy()).isEqualTo("post-" + ID + "-author post-" + ID + "-date");
        assertThat(v.authorHref()).isEqualTo("/members/ana");
        assertThat(v.handleText()).isEqualTo("@ana");
        assertThat(v.postHref()).isEqualTo("/posts/" + ID);
        assertThat(v.commentsHref()).isEqualTo("/posts/" + ID + "#comments");
        assertThat(v.reactionsAction()).isEqualTo("/posts/" + ID + "/reactions");
        assertThat(v.reportHref()).isEqualTo("/report?kind=post&id=" + ID);
        assertThat(v.createdText()).isEqualTo("28 novembre 2026, 16:53");
        assertThat(v.permalinkLabel()).isEqualTo("Publication de Ana, 28 novembre 2026, 16:53");
        assertThat(v.visibilityLabel()).isEqualTo("Abonnés seulement");
        assertThat(v.contentWarningSummary()).isEqualTo("Avertissement de contenu : hôpital. Afficher la publication");
        assertThat(v.commentsLabel()).isEqualTo("3 commentaires");
        assertThat(v.reportLabel()).isEqualTo("Signaler");
        assertThat(v.reportPostLabel()).isEqualTo(" la publication de Ana");
        assertThat(v.editedText()).isNull();

        var bar = v.reactions();
        assertThat(bar.legend()).isEqualTo("Réagir");
        assertThat(bar.buttons()).extracting(CardTexts.ReactionButton::key)
                .containsExactly("like", "support", "thanks", "helpful", "hug");
        assertThat(bar.buttons().get(1).label()).isEqualTo("Soutien : 2");
        assertThat(bar.buttons().get(0).label()).isEqualTo("J’aime : 0");
        assertThat(bar.buttons()).extracting(CardTexts.ReactionButton::ariaPressed)
                .containsExactly("false", "true", "false", "false", "false");
        // What visitors read: only the reactions chosen at least once.
        assertThat(bar.chosen()).extracting(CardTexts.ReactionButton::label).containsExactly("Soutien : 2", "Merci : 1");
    }

    @Test
    void theSameCardInEnglishAndOnesOwnEditedPost() {
        var edited = ZonedDateTime.of(2026, 11, 29, 9, 5, 0, 0, ZoneId.of("Europe/Paris"));
        var v = texts.view(card(true, "", edited, supportedTwiceByTheViewerToo()), Locale.ENGLISH);
        assertThat(v.createdText()).isEqualTo("28 November 2026, 16:53");
        assertThat(v.permalinkLabel()).isEqualTo("Post by Ana, 28 November 2026, 16:53");
        assertThat(v.visibilityLabel()).isEqualTo("Followers only");
        assertThat(v.editedLabel()).isEqualTo("edited on");
        assertThat(v.editedText()).isEqualTo("29 November 2026, 09:05");
        assertThat(v.contentWarningSummary()).isNull();
        assertThat(v.editLabel()).isEqualTo("Edit");
        assertThat(v.deleteLabel()).isEqualTo("Delete");
        assertThat(v.editHref()).isEqualTo("/posts/" + ID + "/edit");
        assertThat(v.reportPostLabel()).isNull();
        assertThat(v.reactions().buttons().get(1).label()).isEqualTo("Support: 2");
        assertThat(v.reactions().legend()).isEqualTo("React");
        assertThat(v.reactions().countsLegend()).isEqualTo("Reactions");
        // Asked again, the per-language words are the same (kept), the card's own ones its own.
        assertThat(texts.view(card(false, "", null, ReactionCount.of(List.of(), List.of())), Locale.ENGLISH).commentsLabel())
                .isEqualTo("3 comments");
    }

    @Test
    void aCommentsReactionBarUsesTheSameWords() {
        var bar = texts.reactions(ReactionCount.of(List.of("hug"), List.of()), Locale.FRENCH);
        assertThat(bar.chosen()).extracting(CardTexts.ReactionButton::label).containsExactly("Câlin : 1");
        assertThat(bar.countsLegend()).isEqualTo("Réactions");
    }
}
