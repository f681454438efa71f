package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;

class PostTextTest {

    @Test
    void everyHostileStringComesOutAsTextWithNoActiveContent() {
        for (String hostile : XssCorpus.strings()) {
            String html = PostText.html(hostile, h -> true);
            assertThat(XssCorpus.activeContent("<div>" + html + "</div>")).as(hostile).isEmpty();
            assertThat(html).as(hostile).doesNotContain("<script", "<img", "<svg", "<iframe", "javascript:alert(1)\"");
        }
    }

    @Test
    void webAddressesBecomeLinksMarkedAsUserContentAndEndingPunctuationStaysOut() {
        String html = PostText.html("Voir https://acceslibre.beta.gouv.fr/app/34-montpellier/. Merci", h -> false);
        assertThat(html).contains("<a href=\"https://acceslibre.beta.gouv.fr/app/34-montpellier/\" rel=\"nofollow ugc noopener\">")
                .contains("</a>. Merci");
    }

    @Test
    void onlyHttpAndHttpsAddressesAreLinked() {
        assertThat(PostText.html("javascript:alert(1) ftp://x.fr data:text/html,hi", h -> true)).doesNotContain("<a ");
    }

    @Test
    void anAddressCannotBreakOutOfItsAttribute() {
        String html = PostText.html("https://example.org/\"onmouseover=\"alert(1)", h -> true);
        assertThat(XssCorpus.activeContent(html)).isEmpty();
        assertThat(html).doesNotContain("\"onmouseover");
    }

    @Test
    void mentionsAreLinkedOnlyWhenAllowedAndFoundOnce() {
        String text = "Merci @Ana_B et @bob_c, et encore @ana_b ! mail@ana_b.fr n’en est pas une.";
        assertThat(PostText.mentions(text)).containsExactly("ana_b", "bob_c");
        String html = PostText.html(text, "ana_b"::equals);
        assertThat(html).contains("<a class=\"mention\" href=\"/members/ana_b\">@Ana_B</a>").contains("@bob_c,")
                .doesNotContain("/members/bob_c");
    }

    @Test
    void lineBreaksAndParagraphsAreKept() {
        assertThat(PostText.html("un\ndeux\n\ntrois", h -> false)).isEqualTo("<p>un<br>deux</p><p>trois</p>");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        assertThat(PostText.length("♿👩🏽‍🦽")).isEqualTo(1 + 4);
        assertThat(PostText.normalise("  e\u0301\r\n ")).isEqualTo("é");
    }
}
