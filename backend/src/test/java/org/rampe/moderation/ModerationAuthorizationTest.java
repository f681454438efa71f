package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every moderation route and action × (visitor, non-member, member, moderator, owner, banned
 * member, administrator): the allowed outcome (200, or 302 after a POST that did it) or the refusal
 * (redirect to sign-in, 403, or 404 when the viewer may not know the thing exists). The roles are
 * the acting member's in the public group G; H is a hidden group none of them belongs to.
 */
class ModerationAuthorizationTest extends ModerationTestSupport {

    static final List<String> ROLES = List.of("visitor", "nonmember", "member", "moderator", "owner", "banned", "admin");

    /** route → expected outcome per role, in the order of {@link #ROLES}. */
    static final Map<String, String> MATRIX = new java.util.LinkedHashMap<>();

    static {
        MATRIX.put("GET /report post in G", "signin 200 200 200 200 200 200");
        MATRIX.put("POST /report post in G", "signin 302 302 302 302 302 302");
        MATRIX.put("GET /report group H (hidden)", "signin 404 404 404 404 404 404");
        MATRIX.put("GET /moderation/groups/G", "signin 403 403 200 200 403 200");
        MATRIX.put("GET /moderation/groups/H", "signin 404 404 404 404 404 200");
        MATRIX.put("GET /moderation", "signin 403 403 403 403 403 200");
        MATRIX.put("GET /moderation/audit", "signin 403 403 403 403 403 200");
        MATRIX.put("GET /moderation/places", "signin 403 403 403 403 403 200");
        MATRIX.put("GET /moderation/groups/G/audit", "403 403 403 200 200 403 200");
        MATRIX.put("POST decision warn on G's case", "signin 403 403 302 302 403 302");
        MATRIX.put("POST decision suspend on G's case", "signin 403 403 403 403 403 302");
        MATRIX.put("POST decision warn on H's case", "signin 404 404 404 404 404 302");
        MATRIX.put("GET /decisions/D", "signin 404 404 200 200 404 200");
        MATRIX.put("POST /decisions/D/appeal", "signin 404 404 403 403 404 403");
        MATRIX.put("POST /decisions/D/review", "signin 404 404 302 302 404 302");
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        MATRIX.forEach((route, outcomes) -> {
            String[] expected = outcomes.split(" ");
            for (int i = 0; i < ROLES.size(); i++) {
                all.add(Arguments.of(route, ROLES.get(i), expected[i]));
            }
        });
        return all.stream();
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("cases")
    void everyModerationRouteAllowsOnlyWhoShouldUseIt(String route, String role, String expected) throws Exception {
        for (String handle : List.of("author", "mod1", "reporter")) {
            members.create(newMember(handle).named(handle));
            age(handle, 100);
        }
        String g = group("G", "public", false, "Règles de G");
        String h = group("H", "hidden", false, "");
        memberOf("author", g, "member");
        memberOf("mod1", g, "moderator");
        memberOf("mod1", h, "moderator");
        memberOf("author", h, "member");
        String p = writePost("author", "Publication signalée", g);
        String reporter = members.idOf("reporter");
        Target target = new Target(TargetKind.POST, p, members.idOf("author"), "author", "author", "", p, g, "G", "");
        reports.report(target, reporter, Reason.SPAM, "");
        String caseG = caseAbout(p);
        String hp = writePost("author", "Dans H", h);
        reports.report(new Target(TargetKind.POST, hp, members.idOf("author"), "author", "author", "", hp, h, "H", ""), reporter, Reason.SPAM, "");
        String caseH = caseAbout(hp);
        String decided = writePost("author", "Décidée", g);
        reports.report(new Target(TargetKind.POST, decided, members.idOf("author"), "author", "author", "", decided, g, "G", ""), reporter, Reason.SPAM, "");
        var d = decisions.decide(new CaseId(caseAbout(decided)), members.idOf("mod1"), false, Action.HIDE, "Règle 1", "Raison", null);
        String decision = d.decisionId();
        if (route.endsWith("/review")) {
            cypher("MATCH (m:Member {handle: 'author'}), (d:Decision {id: $d}) CREATE (m)-[:APPEALED {text: 'non', at: datetime()}]->(d)",
                    "d", decision);
        }

        MockHttpSession session = switch (role) {
            case "visitor" -> null;
            case "admin" -> members.signUp(ADMIN_HANDLE);
            default -> members.signUp("actor");
        };
        switch (role) {
            case "member", "moderator", "owner" -> memberOf("actor", g, role);
            case "banned" -> banned("actor", g);
            default -> {
            }
        }

        MockHttpServletRequestBuilder request = switch (route) {
            case "GET /report post in G" -> get("/report").param("kind", "post").param("id", p);
            case "POST /report post in G" -> post("/report").param("kind", "post").param("id", p).param("reason", "spam");
            case "GET /report group H (hidden)" -> get("/report").param("kind", "group").param("id", h);
            case "GET /moderation/groups/G" -> get("/moderation/groups/" + g);
            case "GET /moderation/groups/H" -> get("/moderation/groups/" + h);
            case "GET /moderation" -> get("/moderation");
            case "GET /moderation/audit" -> get("/moderation/audit");
            case "GET /moderation/places" -> get("/moderation/places");
            case "GET /moderation/groups/G/audit" -> get("/moderation/groups/" + g + "/audit");
            case "POST decision warn on G's case" -> decision(caseG, "warn");
            case "POST decision suspend on G's case" -> decision(caseG, "suspend");
            case "POST decision warn on H's case" -> decision(caseH, "warn");
            case "GET /decisions/D" -> get("/decisions/" + decision);
            case "POST /decisions/D/appeal" -> post("/decisions/" + decision + "/appeal").param("text", "Je conteste");
            case "POST /decisions/D/review" -> post("/decisions/" + decision + "/review").param("outcome", "upheld").param("reason", "Justifié");
            default -> throw new IllegalArgumentException(route);
        };
        request.with(csrf());
        if (session != null) {
            request.session(session);
        }
        var response = mvc.perform(request).andReturn().getResponse();
        if (expected.equals("signin")) {
            assertThat(response.getStatus()).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).contains("/signin");
        } else {
            assertThat(response.getStatus()).isEqualTo(Integer.parseInt(expected));
            if (expected.equals("302")) {
                assertThat(response.getRedirectedUrl()).doesNotContain("/signin").doesNotContain("#case-");
            }
        }
    }

    private static MockHttpServletRequestBuilder decision(String caseId, String action) {
        return post("/moderation/cases/" + caseId + "/decision").param("action", action)
                .param("rule", "Règle 1").param("reason", "Raison");
    }
}
