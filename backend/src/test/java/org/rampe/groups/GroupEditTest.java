package org.rampe.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;
import org.springframework.mock.web.MockHttpSession;

/** An owner edits a group's name, description and rules through its form: what changes, what never does, the audit, refusals. */
class GroupEditTest extends GroupTestSupport {

    @Test
    void anOwnerEditsTheNameDescriptionAndRulesButNeitherTheAddressNorTheKindAndEachEditIsAudited() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        String editLink = "href=\"/groups/" + slug + "/edit\"";
        mvc.perform(get("/groups/" + slug).session(ana)).andExpect(content().string(Matchers.containsString(editLink)));
        mvc.perform(get("/groups/" + slug).session(bea)).andExpect(content().string(Matchers.not(Matchers.containsString(editLink))));
        mvc.perform(get("/groups/" + slug + "/edit").session(ana)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Soyez bienveillants."),
                        Matchers.containsString("le type d’un groupe ne se change pas"),
                        Matchers.containsString("/groups/" + slug + ") ne change pas"))));

        mvc.perform(post("/groups/" + slug + "/edit").with(csrf()).session(ana).param("name", "Balades  en fauteuil")
                        .param("description", "Sorties du dimanche").param("rules", "Pas de publicité.").param("kind", "hidden"))
                .andExpect(redirectedUrl("/groups/" + slug))
                .andExpect(flash().attribute("notice", "group.notice.edited"));
        assertThat(string("MATCH (g:Group {slug: $s}) RETURN g.name + '|' + g.searchName + '|' + g.description + '|' + g.rules + '|' + g.kind",
                "s", slug)).isEqualTo("Balades en fauteuil|balades en fauteuil|Sorties du dimanche|Pas de publicité.|public");
        assertThat(count("""
                MATCH (:Member {handle: 'ana'})-[:ACTED]->(e:AuditEntry {action: 'edit_group', targetKind: 'group'})-[:IN_GROUP]->(g:Group {slug: $s})
                WHERE e.targetId = g.id AND e.id IS NOT NULL AND e.at IS NOT NULL AND e.reason = ''
                  AND e.summary CONTAINS 'Balades → Balades en fauteuil'
                RETURN count(e)""", "s", slug)).isEqualTo(1);
        mvc.perform(get("/moderation/groups/" + groupId(slug) + "/audit").session(ana))
                .andExpect(content().string(Matchers.containsString("Groupe modifié")));
        mvc.perform(get("/groups?q=fauteuil")).andExpect(content().string(Matchers.containsString("Balades en fauteuil")));

        // Sending the same texts again changes nothing and writes no entry; a member may not edit.
        mvc.perform(post("/groups/" + slug + "/edit").with(csrf()).session(ana).param("name", "Balades en fauteuil")
                .param("description", "Sorties du dimanche").param("rules", "Pas de publicité."));
        mvc.perform(post("/groups/" + slug + "/edit").with(csrf()).session(bea).param("name", "Pris !"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/groups/" + slug + "/edit").session(bea)).andExpect(status().isForbidden());
        assertThat(count("MATCH (e:AuditEntry {action: 'edit_group'}) RETURN count(e)")).isEqualTo(1);
        assertThat(string("MATCH (g:Group {slug: $s}) RETURN g.name", "s", slug)).isEqualTo("Balades en fauteuil");
    }

    @Test
    void aRefusedEditComesBackFilledInWithItsErrorsTiedAndChangesNothing() throws Exception {
        var ana = members.signUp("ana");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(post("/groups/" + slug + "/edit").with(csrf()).session(ana).param("name", "  ")
                        .param("description", "é".repeat(1001)).param("rules", "Mes nouvelles règles 🙂"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Erreur : Modifier le groupe"),
                        Matchers.containsString("href=\"#name\""),
                        Matchers.containsString("href=\"#description\""),
                        Matchers.containsString("Donnez un nom au groupe."),
                        Matchers.containsString("aria-describedby=\"name-hint name-error\""),
                        Matchers.containsString("aria-describedby=\"description-hint description-error\""),
                        Matchers.containsString("Mes nouvelles règles 🙂"))));
        assertThat(string("MATCH (g:Group {slug: $s}) RETURN g.name + '|' + g.rules", "s", slug)).isEqualTo("Balades|Soyez bienveillants.");
        assertThat(count("MATCH (e:AuditEntry) RETURN count(e)")).isZero();
    }

    @Test
    void hostileTextThroughAnEditedGroupsNameAndRulesIsShownAsText() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Balades", "public");
        String id = groupId(slug);
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        int n = 0;
        for (String hostile : XssCorpus.strings()) {
            String name = hostile.codePoints().limit(70).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            mvc.perform(post("/groups/" + slug + "/edit").with(csrf()).session(ana).param("name", name + " " + n++)
                    .param("description", hostile).param("rules", hostile))
                    .andExpect(redirectedUrl("/groups/" + slug));
            for (var view : new Object[][] {{bea, "/groups/" + slug}, {bea, "/groups/" + slug + "/members"}, {bea, "/groups"},
                    {ana, "/groups/" + slug + "/edit"}, {ana, "/moderation/groups/" + id + "/audit"}}) {
                var response = mvc.perform(get((String) view[1]).session((MockHttpSession) view[0])).andReturn().getResponse();
                assertThat(response.getStatus()).as((String) view[1]).isEqualTo(200);
                assertThat(XssCorpus.activeContent(response.getContentAsString())).as(view[1] + " with " + hostile).isEmpty();
            }
        }
        assertThat(count("MATCH (e:AuditEntry {action: 'edit_group'}) RETURN count(e)")).isEqualTo(n);
    }
}
