package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class PostsTest extends SocialTestSupport {

    @Test
    void aPostWithAContentWarningIsCollapsedAndMarkedWithItsLanguage() throws Exception {
        var ana = signUp("ana", "Ana");
        String id = write(ana, "Qui connaît un dentiste\nattentif à l’autisme ? https://exemple.fr/liste",
                "contentWarning", "santé", "language", "fr", "visibility", "public");
        String html = mvc.perform(get("/posts/" + id)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var doc = Jsoup.parse(html);
        assertThat(doc.select("h1").text()).isEqualTo("Publication de Ana");
        var details = doc.selectFirst("article.post-card details.content-warning");
        assertThat(details).isNotNull();
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary").text()).isEqualTo("Avertissement de contenu : santé. Afficher la publication");
        var text = details.selectFirst(".post-text");
        assertThat(text.attr("dir")).isEqualTo("auto");
        assertThat(text.attr("lang")).isEqualTo("fr");
        assertThat(text.select("a").attr("rel")).isEqualTo("nofollow ugc noopener");
        assertThat(text.select("br")).hasSize(1);
        assertThat(doc.select("article.post-card time").attr("datetime")).isNotBlank();
    }
}
