package org.rampe.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every group route and action × (visitor, non-member, member, moderator, owner, banned member,
 * administrator) for each kind of group: the outcome each one gets. {@code ok} = 200, {@code done}
 * = redirected after the action (not to sign-in), {@code signin} = sent to sign in, 403 / 404.
 * Before each actor the groups are written again from scratch, so one actor's action does not
 * change the next one's outcome.
 */
class GroupAuthorizationMatrixTest extends GroupTestSupport {

    static final List<String> ACTORS = List.of("visitor", "nina", "mona", "modo", "olga", "bob", ADMIN_HANDLE);

    /** A route: its method and path (with {slug}, {post}, {rita}, {mona} replaced), parameters, and the expected outcome per actor. */
    record Route(String name, String method, String path, String[] params, String kind, String... expected) {
        @Override
        public String toString() {
            return name + " (" + kind + ")";
        }
    }

    static Stream<Arguments> routes() {
        List<Route> routes = new ArrayList<>();
        //                                                                       visitor  non-member member  moderator owner  banned admin
        for (String kind : List.of("public", "private", "hidden")) {
            boolean pub = kind.equals("public");
            boolean hid = kind.equals("hidden");
            String hidden404 = hid ? "404" : "403";
            routes.add(new Route("the group page", "GET", "/groups/{slug}", new String[0], kind,
                    hid ? "404" : "ok", hid ? "404" : "ok", "ok", "ok", "ok", hid ? "404" : "ok", "ok"));
            routes.add(new Route("the member list", "GET", "/groups/{slug}/members", new String[0], kind,
                    pub ? "ok" : hidden404, pub ? "ok" : hidden404, "ok", "ok", "ok", pub ? "ok" : hidden404, "ok"));
            routes.add(new Route("a group post", "GET", "/posts/{post}", new String[0], kind,
                    pub ? "ok" : "404", pub ? "ok" : "404", "ok", "ok", "ok", pub ? "ok" : "404", pub ? "ok" : "404"));
            routes.add(new Route("the join page (rules)", "GET", "/groups/{slug}/join", new String[0], kind,
                    "signin", hid ? "404" : "ok", "403", "403", "403", hid ? "404" : "403", hid ? "403" : "ok"));
            routes.add(new Route("joining or asking to join", "POST", "/groups/{slug}/join", new String[0], kind,
                    "signin", hid ? "404" : "done", "403", "403", "403", hid ? "404" : "403", hid ? "403" : "done"));
            routes.add(new Route("leaving", "POST", "/groups/{slug}/leave", new String[0], kind,
                    "signin", hid ? "404" : "403", "done", "done", "done", hid ? "404" : "403", "403"));
            routes.add(new Route("posting", "POST", "/groups/{slug}/posts", new String[] {"text", "Bonjour le groupe"}, kind,
                    "signin", hid ? "404" : "403", "done", "done", "done", hid ? "404" : "403", "403"));
            routes.add(new Route("commenting a group post", "POST", "/posts/{post}/comments", new String[] {"text", "Un commentaire"}, kind,
                    "signin", pub ? "403" : "404", "done", "done", "done", pub ? "403" : "404", pub ? "403" : "404"));
            routes.add(new Route("approving a request", "POST", "/groups/{slug}/requests/{rita}/approve", new String[0], kind,
                    "signin", hidden404, "403", "done", "done", hidden404, "done"));
            routes.add(new Route("refusing a request", "POST", "/groups/{slug}/requests/{rita}/refuse", new String[0], kind,
                    "signin", hidden404, "403", "done", "done", hidden404, "done"));
            routes.add(new Route("inviting", "POST", "/groups/{slug}/invitations", new String[] {"handle", "ivan"}, kind,
                    "signin", hidden404, "403", pub ? "403" : "done", pub ? "403" : "done", hidden404, pub ? "403" : "done"));
            routes.add(new Route("accepting an invitation one does not have", "POST", "/groups/{slug}/invitation/accept", new String[0], kind,
                    "signin", hidden404, "403", "403", "403", hidden404, "403"));
            routes.add(new Route("appointing a moderator", "POST", "/groups/{slug}/members/{mona}/role", new String[] {"role", "moderator"}, kind,
                    "signin", hidden404, "403", "403", "done", hidden404, "done"));
            routes.add(new Route("removing a moderator", "POST", "/groups/{slug}/members/{mo}/role", new String[] {"role", "member"}, kind,
                    "signin", hidden404, "403", "403", "done", hidden404, "done"));
            routes.add(new Route("publishing the moderation log's summary", "POST", "/groups/{slug}/audit-log", new String[] {"publish", "true"}, kind,
                    "signin", hidden404, "403", "403", "done", hidden404, "done"));
            routes.add(new Route("the edit form", "GET", "/groups/{slug}/edit", new String[0], kind,
                    "signin", hidden404, "403", "403", "ok", hidden404, "ok"));
            routes.add(new Route("editing the group", "POST", "/groups/{slug}/edit",
                    new String[] {"name", "Nouveau nom", "description", "Autre description", "rules", "Autres règles"}, kind,
                    "signin", hidden404, "403", "403", "done", hidden404, "done"));
            // The log itself (moderation's route, open to visitors for published summaries): moderators see it
            // whole; nobody else until an owner publishes its summary.
            routes.add(new Route("the group's moderation log, not published", "GET", "/moderation/groups/{id}/audit", new String[0], kind,
                    hidden404, hidden404, "403", "ok", "ok", hidden404, "ok"));
        }
        routes.add(new Route("the group listing", "GET", "/groups", new String[0], "all", "ok", "ok", "ok", "ok", "ok", "ok", "ok"));
        routes.add(new Route("searching groups", "GET", "/groups", new String[] {"q", "groupe"}, "all", "ok", "ok", "ok", "ok", "ok", "ok", "ok"));
        routes.add(new Route("the creation form", "GET", "/groups/new", new String[0], "all", "signin", "ok", "ok", "ok", "ok", "ok", "ok"));
        routes.add(new Route("creating a group", "POST", "/groups", new String[] {"name", "Nouveau", "kind", "public"}, "all",
                "signin", "done", "done", "done", "done", "done", "done"));
        return routes.stream().map(Arguments::of);
    }

    private Map<String, MockHttpSession> sessions;

    private void members() throws Exception {
        sessions = new LinkedHashMap<>();
        for (String handle : List.of("nina", "mona", "modo", "olga", "bob", ADMIN_HANDLE, "rita", "ivan")) {
            sessions.put(handle, members.signUp(handle));
        }
    }

    /** The three groups, each with its owner, moderator, member, banned member, a pending request and a post by the member. */
    private Map<String, String> groups() {
        cypher("MATCH (n) WHERE NOT n:Member AND NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4jMigration') DETACH DELETE n");
        cypher("MATCH (:Member)-[r]->() DELETE r");
        Map<String, String> posts = new LinkedHashMap<>();
        for (String kind : List.of("public", "private", "hidden")) {
            String id = group("g-" + kind, kind, "olga", Map.of("modo", "moderator", "mona", "member"));
            ban("bob", id);
            cypher("MATCH (m:Member {handle: 'rita'}), (g:Group {id: $id}) CREATE (m)-[:REQUESTED_JOIN {at: datetime()}]->(g)", "id", id);
            posts.put(kind, groupPost("mona", id, "Publication du groupe " + kind));
        }
        return posts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void eachActorGetsTheOutcomeTheMatrixSays(Route route) throws Exception {
        members();
        Map<String, String> outcomes = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < ACTORS.size(); i++) {
            String actor = ACTORS.get(i);
            Map<String, String> posts = groups();
            String kind = route.kind().equals("all") ? "public" : route.kind();
            String path = route.path().replace("{slug}", "g-" + kind).replace("{post}", posts.get(kind))
                    .replace("{rita}", members.idOf("rita")).replace("{mona}", members.idOf("mona")).replace("{mo}", members.idOf("modo"))
                    .replace("{id}", groupId("g-" + kind));
            MockHttpServletRequestBuilder request = route.method().equals("GET") ? get(path) : post(path).with(csrf());
            for (int p = 0; p < route.params().length; p += 2) {
                request.param(route.params()[p], route.params()[p + 1]);
            }
            if (!actor.equals("visitor")) {
                request.session(sessions.get(actor));
            }
            outcomes.put(actor, outcome(mvc.perform(request).andReturn().getResponse()));
            expected.put(actor, route.expected()[i]);
        }
        assertThat(outcomes).as(route.toString()).isEqualTo(expected);
    }

    private static String outcome(MockHttpServletResponse response) {
        int status = response.getStatus();
        if (status == 200) {
            return "ok";
        }
        if (status >= 300 && status < 400) {
            String to = response.getRedirectedUrl();
            return to != null && to.contains("/signin") ? "signin" : "done";
        }
        return String.valueOf(status);
    }
}
