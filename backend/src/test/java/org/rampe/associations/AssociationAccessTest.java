package org.rampe.associations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * Who may do what with associations: every route × (visitor, member, representative, administrator),
 * the outcome expected in a table. "signin" = redirected to sign in; "ok" = 200; "done" = the
 * action ran and redirected back; 403 / 404 = the error page. Each row runs on a fresh association.
 */
class AssociationAccessTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    enum Role { VISITOR, MEMBER, REPRESENTATIVE, ADMINISTRATOR }

    /** A route, how to call it on association {@code slug}, and what each role gets. */
    record Row(String name, java.util.function.Function<String, AbstractMockHttpServletRequestBuilder<?>> request,
               String visitor, String member, String representative, String administrator) {

        String expected(Role role) {
            return switch (role) {
                case VISITOR -> visitor;
                case MEMBER -> member;
                case REPRESENTATIVE -> representative;
                case ADMINISTRATOR -> administrator;
            };
        }
    }

    static final List<Row> TABLE = List.of(
            new Row("GET /associations", s -> get("/associations"), "ok", "ok", "ok", "ok"),
            new Row("GET /associations?q=", s -> get("/associations").param("q", "club"), "ok", "ok", "ok", "ok"),
            new Row("GET /associations/new", s -> get("/associations/new"), "signin", "ok", "ok", "ok"),
            new Row("POST /associations/new", s -> post("/associations/new").with(csrf()).param("name", "Autre")
                    .param("description", "d"), "signin", "done", "done", "done"),
            new Row("GET /associations/{slug}", s -> get("/associations/" + s), "ok", "ok", "ok", "ok"),
            new Row("GET /associations/{unknown}", s -> get("/associations/nope"), "404", "404", "404", "404"),
            new Row("GET /associations/{slug}/logo.jpg (none)", s -> get("/associations/" + s + "/logo.jpg"), "404", "404", "404", "404"),
            new Row("GET /associations/{slug}/edit", s -> get("/associations/" + s + "/edit"), "signin", "403", "ok", "403"),
            new Row("GET /associations/{unknown}/edit", s -> get("/associations/nope/edit"), "signin", "404", "404", "404"),
            new Row("POST /associations/{slug}/edit", s -> post("/associations/" + s + "/edit").with(csrf())
                    .param("name", "Club").param("description", "changé"), "signin", "403", "done", "403"),
            new Row("POST /associations/{slug}/representatives", s -> post("/associations/" + s + "/representatives").with(csrf())
                    .param("handle", "other"), "signin", "403", "done", "403"),
            new Row("POST /associations/{slug}/representatives/remove", s -> post("/associations/" + s + "/representatives/remove")
                    .with(csrf()).param("handle", "rep"), "signin", "403", "done", "403"),
            // Issue 17: invitations to represent. Only the invited member ("member" here) sees and answers theirs.
            new Row("GET /associations/{slug}/invitation", s -> get("/associations/" + s + "/invitation"), "signin", "ok", "404", "404"),
            new Row("POST /associations/{slug}/invitation/accept", s -> post("/associations/" + s + "/invitation/accept").with(csrf()),
                    "signin", "done", "404", "404"),
            new Row("POST /associations/{slug}/invitation/decline", s -> post("/associations/" + s + "/invitation/decline").with(csrf()),
                    "signin", "done", "404", "404"),
            new Row("POST /associations/{slug}/invitations/withdraw", s -> post("/associations/" + s + "/invitations/withdraw")
                    .with(csrf()).param("handle", "member"), "signin", "403", "done", "403"),
            new Row("GET /associations/{slug}/logo", s -> get("/associations/" + s + "/logo"), "signin", "403", "ok", "403"),
            new Row("POST /associations/{slug}/logo", s -> multipart("/associations/" + s + "/logo")
                    .file(new MockMultipartFile("file", "l.png", "image/png", TestImages.png(40, 40))).with(csrf())
                    .param("alt", "Logo"), "signin", "403", "done", "403"),
            new Row("POST /associations/{slug}/logo/remove", s -> post("/associations/" + s + "/logo/remove").with(csrf()),
                    "signin", "403", "done", "403"),
            new Row("GET /moderation/associations", s -> get("/moderation/associations"), "signin", "403", "403", "ok"),
            new Row("POST /moderation/associations/{slug}/verify", s -> post("/moderation/associations/" + s + "/verify").with(csrf()),
                    "signin", "403", "403", "done"),
            new Row("POST /moderation/associations/{unknown}/verify", s -> post("/moderation/associations/nope/verify").with(csrf()),
                    "signin", "403", "403", "404"),
            new Row("POST /moderation/associations/{slug}/withdraw", s -> post("/moderation/associations/" + s + "/withdraw").with(csrf()),
                    "signin", "403", "403", "done"),
            new Row("POST without CSRF token", s -> post("/associations/" + s + "/edit").param("name", "Club")
                    .param("description", "x"), "403", "403", "403", "403"));

    @Test
    void everyRouteAllowsAndRefusesExactlyWhatTheTableSays() throws Exception {
        Map<String, MockHttpSession> sessions = new LinkedHashMap<>();
        sessions.put("member", members.signUp("member"));
        sessions.put("rep", members.signUp("rep"));
        sessions.put("admin", members.signUp(ADMIN_HANDLE));
        var other = members.signUp("other");
        members.signUp("invited");
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Row row : TABLE) {
            for (Role role : Role.values()) {
                forgetLimits(); // a fresh association per cell outgrows a day's new associations
                // A fresh association each time, represented by "rep" (and "other", so that removing rep is allowed).
                String slug = create(sessions.get("rep"), "Club " + n++);
                mvc.perform(post("/associations/" + slug + "/representatives").with(csrf()).session(sessions.get("rep")).param("handle", "other"));
                mvc.perform(post("/associations/" + slug + "/invitation/accept").with(csrf()).session(other));
                // "member" has an invitation waiting from "rep" (issue 17): only they may answer it.
                mvc.perform(post("/associations/" + slug + "/representatives").with(csrf()).session(sessions.get("rep")).param("handle", "member"));
                var request = row.request().apply(slug);
                switch (role) {
                    case MEMBER -> request.session(sessions.get("member"));
                    case REPRESENTATIVE -> request.session(sessions.get("rep"));
                    case ADMINISTRATOR -> request.session(sessions.get("admin"));
                    case VISITOR -> { }
                }
                var response = mvc.perform(request).andReturn().getResponse();
                String got = switch (response.getStatus()) {
                    case 200 -> "ok";
                    case 302 -> "/signin".equals(response.getRedirectedUrl()) ? "signin" : "done";
                    default -> String.valueOf(response.getStatus());
                };
                if (!got.equals(row.expected(role))) {
                    wrong.add(row.name() + " as " + role + ": expected " + row.expected(role) + ", got " + got
                            + " (" + response.getRedirectedUrl() + ")");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private String create(MockHttpSession rep, String name) throws Exception {
        String location = mvc.perform(post("/associations/new").with(csrf()).session(rep).param("name", name)
                .param("description", "d")).andReturn().getResponse().getRedirectedUrl();
        return location.substring("/associations/".length());
    }
}
